using System.Diagnostics;
using System.Text;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>A silo or gateway as a real process (the built host, as run.sh starts it), with its output kept.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts "dotnet AtlasGrains.{host}.dll" (Silo, Gateway or Audit) from its own build output, with these settings.</summary>
    public static HostProcess Start(string host, IDictionary<string, string> settings, string environment = "Testing", params string[] arguments)
    {
        var directory = BuildDirectory(host);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOTNET_ENVIRONMENT"] = environment, ["ASPNETCORE_ENVIRONMENT"] = environment },
        };
        start.ArgumentList.Add(Path.Combine(directory, $"AtlasGrains.{host}.dll"));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException($"The {host} did not start."));
    }

    /// <summary>Asks the process to stop the way an orchestrator does (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await terminate.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Where a program's build output is (with its appsettings.json): "Silo", "Gateway" or "Audit".</summary>
    public static string BuildDirectory(string host) => Path.Combine(
        RepositoryRoot.Path,
        host switch { "Silo" => "silo", "Gateway" => "gateway", _ => Path.Combine("tools", $"AtlasGrains.{host}") },
        "bin",
        BuildConfiguration,
        "net10.0");

    /// <summary>The configuration the tests were built in (Debug locally, Release in CI); the hosts were built alike.</summary>
    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
