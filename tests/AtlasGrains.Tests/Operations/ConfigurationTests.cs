using AtlasGrains.Gateway.Auth;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Tests.Operations;

/// <summary>Bad settings stop a host at once with one clear line, instead of a stack of retries.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigurationTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("this is not a connection string", "not a valid Azure Table connection string")]
    [InlineData("", "ConnectionStrings:Tables (environment: ConnectionStrings__Tables) is not set")]
    public async Task A_silo_with_a_bad_connection_string_fails_fast_with_one_clear_line(string connectionString, string expected)
    {
        await using var silo = HostProcess.Start("Silo", new Dictionary<string, string> { ["ConnectionStrings:Tables"] = connectionString });

        var exitCode = await silo.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task A_silo_with_a_port_out_of_range_names_the_setting()
    {
        await using var silo = HostProcess.Start("Silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Tables"] = fixture.Cluster.ConnectionString,
            ["Orleans:SiloPort"] = "70000",
        });

        Assert.Equal(2, await silo.WaitForExitAsync(ExitTimeout));
        Assert.Contains("Orleans:SiloPort must be a TCP port", silo.Output);
    }

    [Fact]
    public async Task A_gateway_outside_development_refuses_the_development_signing_key()
    {
        await using var gateway = HostProcess.Start(
            "Gateway",
            new Dictionary<string, string>
            {
                ["ConnectionStrings:Tables"] = fixture.Cluster.ConnectionString,
                ["Auth:SigningKey"] = DevelopmentKeys.SigningKey,
                ["urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            },
            environment: "Production");

        Assert.Equal(2, await gateway.WaitForExitAsync(ExitTimeout));
        var lines = gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.StartsWith("Configuration error: ", line));
        Assert.Contains(lines, line => line.Contains("Auth:SigningKey is the published development value"));
        Assert.Contains(lines, line => line.Contains("Payments:WebhookSecret"));
    }

    [Fact]
    public async Task The_development_environment_accepts_the_development_key()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["Auth:SigningKey"] = DevelopmentKeys.SigningKey,
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.Client().GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("Auth:SigningKey", "short")]
    [InlineData("RateLimits:WritesPerMinutePerUser", "0")]
    [InlineData("Auth:TokenLifetime", "00:00:01")]
    public async Task An_invalid_gateway_setting_is_refused_at_start(string key, string value)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { [key] = value }));

        Assert.Contains(key.Split(':')[^1], string.Join(" ", refused.Failures) + refused.OptionsName + refused.OptionsType.Name);
    }
}
