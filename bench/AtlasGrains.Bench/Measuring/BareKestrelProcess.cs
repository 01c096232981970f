using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// The reads' baseline K in a process of its own, as the gateway is: this driver run again as
/// <c>--Bench:Scenario bare-kestrel</c>, serving the page on a port it picks and prints. In the driver's own process,
/// K's server shared the load generator's garbage collector, so every one of the generator's pauses stalled the
/// server too (one 90 ms pause made K's p99 178 ms), which S3's gateway never suffers. The server exits when its
/// input closes, so it can't outlive a driver that dies.
/// </summary>
internal sealed class BareKestrelProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Listening on ";
    private readonly Process _process;

    private BareKestrelProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<BareKestrelProcess> StartAsync(string body)
    {
        var pageFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(pageFile, body);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        // The gateway's socket setting (scripts/lib.sh), so that S3/K compares the same server configuration.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        // Run as "dotnet AtlasGrains.Bench.dll": the host needs the assembly again; run as an apphost, it doesn't.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BareKestrelProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "--Bench:Scenario", "bare-kestrel", "--Bench:PageFile", pageFile })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bare Kestrel process did not start.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        File.Delete(pageFile);
        if (line is null || !line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The bare Kestrel process said \"{line}\" instead of where it listens.");
        }

        return new BareKestrelProcess(process, new Uri(line[ListeningPrefix.Length..]));
    }

    /// <summary>The child's side: serves the page until its input closes.</summary>
    public static async Task ServeAsync(string pageFile)
    {
        await using var kestrel = await BareKestrel.StartAsync(await File.ReadAllTextAsync(pageFile));
        Console.WriteLine(ListeningPrefix + kestrel.Address);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
