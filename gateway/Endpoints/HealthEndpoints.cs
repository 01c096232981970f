using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AtlasGrains.Gateway.Endpoints;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>/health/live checks nothing but the process; /health/ready checks the cluster and storage.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        return routes;
    }
}
