using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Hosting.Configuration;

public static class HostRunner
{
    /// <summary>
    /// Builds the host, validates every setting before anything starts, and runs it. A configuration error
    /// ends the process with one line per problem on stderr and exit code 2: no stack trace, no retries.
    /// </summary>
    public static async Task<int> RunAsync(Func<IHost> build)
    {
        try
        {
            using var host = build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"Configuration error: {problem}");
            }

            return 2;
        }
    }

    /// <summary>The configuration problems an exception reports, or none when it is something else.</summary>
    private static List<string> ConfigurationProblems(Exception exception) => exception switch
    {
        StartupConfigurationException configuration => [configuration.Message],
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => ConfigurationProblems(inner).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(ConfigurationProblems)],
        _ => [],
    };
}
