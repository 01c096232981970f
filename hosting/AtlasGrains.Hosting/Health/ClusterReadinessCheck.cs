using Orleans;
using AtlasGrains.Abstractions.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtlasGrains.Hosting.Health;

/// <summary>Ready when a grain call reaches a silo and that silo reaches table storage.</summary>
public sealed class ClusterReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IStorageProbeGrain>(0).ProbeAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The cluster or table storage did not answer.", ex);
        }
    }
}
