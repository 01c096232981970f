using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// The whole system as real processes on 127.0.0.1, as the run command starts it: an on-disk Azurite, three
/// silos and the gateway (or several), with failure detection tuned for quick recovery. Silos can be SIGKILLed and restarted,
/// and storage stopped and restarted.
/// </summary>
public sealed class ChaosSystem : IAsyncDisposable
{
    private readonly Azurite _storage;
    private readonly ClusterIdentity _identity = ClusterIdentity.New();
    private readonly HostProcess?[] _silos;
    private readonly Dictionary<string, string>[] _siloSettings;
    private readonly HostProcess?[] _gateways;

    private ChaosSystem(Azurite storage, MailSink mail, int silos, int gateways)
    {
        _storage = storage;
        Mail = mail;
        _silos = new HostProcess?[silos];
        _siloSettings = [.. Enumerable.Range(0, silos).Select(_ => SiloSettings())];
        _gateways = new HostProcess?[gateways];
        GatewayAddresses = [.. Enumerable.Range(0, gateways).Select(_ => new Uri($"http://127.0.0.1:{FreePort.Next()}"))];
    }

    private readonly System.Text.StringBuilder _pastSiloLogs = new();

    /// <summary>The first gateway, the one the load goes through.</summary>
    public Uri GatewayAddress => GatewayAddresses[0];

    public Uri[] GatewayAddresses { get; }

    /// <summary>How long the gateways answer from a copy of a place page: the longest allowed, so that the final reads still meet copies kept through the kills.</summary>
    public static readonly TimeSpan PlacePageLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The SMTP server the silos send newsletter mail to.</summary>
    public MailSink Mail { get; }

    public int Kills { get; private set; }

    public string GatewayLog => string.Concat(_gateways.Select(gateway => gateway?.Output ?? ""));

    /// <summary>Everything the silos wrote, killed ones included, newest last.</summary>
    public string SiloLogs => _pastSiloLogs + string.Concat(_silos.Select(silo => silo?.Output ?? ""));

    public string ConnectionString => _storage.ConnectionString;

    public string TablePrefix => _identity.TablePrefix;

    public static async Task<ChaosSystem> StartAsync(int silos = 3, int gateways = 1)
    {
        var system = new ChaosSystem(await Azurite.StartDedicatedAsync(), await MailSink.StartAsync(), silos, gateways);
        for (var i = 0; i < silos; i++)
        {
            system._silos[i] = HostProcess.Start("Silo", system._siloSettings[i]);
        }

        for (var i = 0; i < gateways; i++)
        {
            system._gateways[i] = HostProcess.Start("Gateway", system.GatewaySettings(system.GatewayAddresses[i]));
        }

        await system.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return system;
    }

    private Dictionary<string, string> GatewaySettings(Uri address) => new()
    {
        ["urls"] = address.ToString().TrimEnd('/'),
        ["ConnectionStrings:Tables"] = _storage.ConnectionString,
        ["Orleans:ClusterId"] = _identity.ClusterId,
        ["Orleans:ServiceId"] = _identity.ServiceId,
        ["Orleans:Messaging:ResponseTimeout"] = "00:00:10",
        ["Auth:SigningKey"] = GatewayHost.SigningKey,
        ["Payments:WebhookSecret"] = GatewayHost.WebhookSecret,
        ["RateLimits:RequestsPerMinutePerClient"] = "10000000",
        ["RateLimits:AccountCreationsPerMinutePerClient"] = "10000000",
        ["RateLimits:NewsletterSignupsPerMinutePerClient"] = "10000000",
        ["RateLimits:WritesPerMinutePerUser"] = "10000000",
        ["PlacePages:Lifetime"] = PlacePageLifetime.ToString(),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>SIGKILLs a silo (no goodbye to the cluster, in-flight calls lost) and starts it again on its ports.</summary>
    public async Task KillAndRestartSiloAsync(int index, TimeSpan downFor)
    {
        if (_silos[index] is { } silo)
        {
            await silo.DisposeAsync();
            _pastSiloLogs.AppendLine($"--- silo {index} killed at {DateTime.UtcNow:O} ---").Append(silo.Output);
        }

        Kills++;
        await Task.Delay(downFor);
        _silos[index] = HostProcess.Start("Silo", _siloSettings[index]);
    }

    /// <summary>SIGTERMs a silo and waits for it to leave; answers its exit code and its silo port.</summary>
    public async Task<(int ExitCode, int SiloPort)> StopSiloGracefullyAsync(int index)
    {
        var exitCode = await _silos[index]!.TerminateAsync(TimeSpan.FromSeconds(60));
        _silos[index] = null;
        return (exitCode, int.Parse(_siloSettings[index]["Orleans:SiloPort"]));
    }

    /// <summary>The silos' rows in the membership table: port and status (Active, Dead, ...).</summary>
    public async Task<List<(int Port, string Status)>> MembershipAsync()
    {
        var table = new Azure.Data.Tables.TableServiceClient(_storage.ConnectionString).GetTableClient("OrleansSiloInstances");
        var rows = new List<(int, string)>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(row => row.PartitionKey == _identity.ClusterId))
        {
            if (row.GetString("Port") is { } port && row.GetString("Status") is { } status)
            {
                rows.Add((int.Parse(port), status));
            }
        }

        return rows;
    }

    public Task StopStorageAsync() => _storage.StopAsync();

    public Task RestartStorageAsync() => _storage.RestartAsync();

    /// <summary>Waits until every gateway reaches the cluster and storage again.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        foreach (var address in GatewayAddresses)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            while (true)
            {
                try
                {
                    if ((await http.GetAsync("/health/ready", deadline.Token)).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception) when (!deadline.IsCancellationRequested)
                {
                }

                await Task.Delay(250, deadline.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            if (gateway is not null) await gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            if (silo is not null) await silo.DisposeAsync();
        }

        _storage.Dispose();
        await Mail.DisposeAsync();
    }

    private Dictionary<string, string> SiloSettings() => new()
    {
        ["urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["ConnectionStrings:Tables"] = _storage.ConnectionString,
        ["Storage:TablePrefix"] = _identity.TablePrefix,
        ["Orleans:ClusterId"] = _identity.ClusterId,
        ["Orleans:ServiceId"] = _identity.ServiceId,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Orleans:MinimumReminderPeriod"] = "00:00:01",
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Messaging:ResponseTimeout"] = "00:00:10",
        ["MarkDelivery:RetryPeriod"] = "00:00:02",
        ["PlaceJournal:StoreDelay"] = "00:00:01",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Mail.Port.ToString(),
        ["Dashboard:Username"] = "operator",
        ["Dashboard:Password"] = "chaos-test-password",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
