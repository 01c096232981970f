using System.Text.Json;
using System.Text.Json.Serialization;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Endpoints;
using AtlasGrains.Gateway.Lists;
using AtlasGrains.Gateway.LiveStats;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Gateway.Membership;
using AtlasGrains.Gateway.Newsletters;
using AtlasGrains.Gateway.RateLimiting;
using AtlasGrains.Gateway.Site;
using AtlasGrains.Hosting.Health;
using AtlasGrains.Hosting.Telemetry;
using Scalar.AspNetCore;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>Builds the gateway. Program.cs runs it; tests start it on a free port with their own settings.</summary>
public static class GatewayApplication
{
    /// <summary>Large enough for the longest valid place (description 20,000 characters), small enough to shed abuse.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <param name="configure">Lets tests add to the services (an in-memory trace exporter, say) before the build.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddAtlasOrleansClient();
        builder.AddAtlasTelemetry("atlasgrains-gateway");

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddAtlasCors(builder.Configuration);
        services.AddAtlasAuthentication();
        services.AddAtlasRateLimits();
        services.AddAtlasHealthChecks();
        services.AddAtlasLiveStats();
        services.AddAtlasPlacePages();
        services.AddOptions<NewsletterCatalog>().BindConfiguration("Newsletters").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MembershipPlans>().BindConfiguration("Membership").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PaymentOptions>().BindConfiguration("Payments").ValidateDataAnnotations().ValidateOnStart();
        services.RefuseDevelopmentSecret<PaymentOptions>(options => options.WebhookSecret, DevelopmentKeys.WebhookSecret, "Payments:WebhookSecret");
        services.AddOpenApi();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ListPlaceCards>();
        services.AddSingleton<ListContentsCache>();
        services.AddSingleton<RenderedListItems>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAtlasSite();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapAccounts();
        app.MapPlaces();
        app.MapLiveStats();
        app.MapDiscovery();
        app.MapGuide();
        app.MapMarks();
        app.MapLists();
        app.MapListBrowsing();
        app.MapNewsletters();
        app.MapMembership();
        return app;
    }
}
