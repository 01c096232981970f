using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Hosting.Health;

public static class HealthSetup
{
    /// <summary>Readiness = a grain call reaches a silo, and that silo reaches table storage.</summary>
    public static IServiceCollection AddAtlasHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster-and-storage", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
