namespace AtlasGrains.Abstractions.Operations;

/// <summary>A round trip through the cluster to table storage, for readiness checks.</summary>
[Alias("AtlasGrains.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Completes when a silo reached table storage; throws when it could not.</summary>
    [Alias("ProbeAsync")] Task ProbeAsync();
}
