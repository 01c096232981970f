using System.Net.Http.Headers;
using System.Net.Http.Json;
using AtlasGrains.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>The real gateway (Kestrel on a free loopback port) as an Orleans client of a test cluster.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hmac-sha256";
    public const string WebhookSecret = "test-webhook-secret-that-is-long-enough-for-hmac";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The gateway's services, for tests that look at its in-process state (the live counts' hub).</summary>
    public IServiceProvider Services => _app.Services;

    public const string SiteOrigin = "http://site.example";

    public static async Task<GatewayHost> StartAsync(
        AtlasCluster cluster, IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            // The gateway's own appsettings.json (catalog, CORS, ...), as a deployed gateway reads it.
            ["contentRoot"] = HostProcess.BuildDirectory("Gateway"),
            ["environment"] = "Testing",
            ["ConnectionStrings:Tables"] = cluster.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Identity.ClusterId,
            ["Orleans:ServiceId"] = cluster.Identity.ServiceId,
            ["Auth:SigningKey"] = SigningKey,
            ["Payments:WebhookSecret"] = WebhookSecret,
            ["RateLimits:RequestsPerMinutePerClient"] = "1000000",
            ["RateLimits:AccountCreationsPerMinutePerClient"] = "1000000",
            ["RateLimits:WritesPerMinutePerUser"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Cors:AllowedOrigins:0"] = SiteOrigin,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var app = GatewayApplication.Build([.. values.Select(pair => $"--{pair.Key}={pair.Value}")], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GatewayHost(app, new Uri(address));
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
