using System.Text.Json;
using System.Text.Json.Serialization;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Endpoints;
using AtlasGrains.Gateway.Health;
using AtlasGrains.Gateway.RateLimiting;
using Scalar.AspNetCore;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>Builds the gateway. Program.cs runs it; tests start it on a free port with their own settings.</summary>
public static class GatewayApplication
{
    /// <summary>Large enough for the longest valid place (description 20,000 characters), small enough to shed abuse.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddAtlasOrleansClient();

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddAtlasAuthentication();
        services.AddAtlasRateLimits(builder.Configuration);
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapAccounts();
        app.MapPlaces();
        app.MapMarks();
        app.MapLists();
        app.MapListBrowsing();
        return app;
    }
}
