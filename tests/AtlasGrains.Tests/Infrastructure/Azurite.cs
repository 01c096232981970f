using System.Diagnostics;
using System.Net.Sockets;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// The real Azure Table emulator (Azurite, installed from npm into the repository) on a free loopback
/// port. The shared one runs in memory for the whole test run, every cluster using its own table prefix;
/// a dedicated one keeps its data on disk so a test can stop and restart it.
/// </summary>
public sealed class Azurite : IDisposable
{
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<Azurite>> Shared = new(() => StartAsync(FreePort.Next(), location: null));
    private readonly string? _location;
    private Process _process;

    private Azurite(Process process, int port, string? location)
    {
        _process = process;
        Port = port;
        _location = location;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static Task<Azurite> SharedAsync() => Shared.Value;

    /// <summary>An Azurite of one's own, with its data in a temporary folder, that can be stopped and started again.</summary>
    public static Task<Azurite> StartDedicatedAsync() =>
        StartAsync(FreePort.Next(), Directory.CreateTempSubdirectory("azurite-").FullName);

    /// <summary>Stops it the graceful way (SIGINT: Azurite saves its data) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        using var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString()]);
        await interrupt.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts it again on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        var restarted = await StartAsync(Port, _location ?? throw new InvalidOperationException("Only a dedicated Azurite restarts."));
        _process = restarted._process;
    }

    private static async Task<Azurite> StartAsync(int port, string? location)
    {
        var executable = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in the repository root.");
        }

        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, port, location);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        await WaitUntilAcceptingAsync(port, process);
        return azurite;
    }

    private static async Task WaitUntilAcceptingAsync(int port, Process process)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
