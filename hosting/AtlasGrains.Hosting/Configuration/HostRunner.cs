using Microsoft.Extensions.Options;

namespace AtlasGrains.Hosting.Configuration;

public static class HostRunner
{
    /// <summary>
    /// Builds and runs a host; a configuration error ends the process with one clear line on stderr and
    /// exit code 2, rather than a stack trace or a storm of retries.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task> buildAndRun)
    {
        try
        {
            await buildAndRun();
            return 0;
        }
        catch (StartupConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {ex.Message}");
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
        }

        return 2;
    }
}
