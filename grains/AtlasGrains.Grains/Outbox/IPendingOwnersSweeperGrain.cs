namespace AtlasGrains.Grains.Outbox;

/// <summary>One per shard of the pending-owners journal (keys 0..<see cref="PendingOwners.Shards"/>-1).</summary>
[Alias("AtlasGrains.IPendingOwnersSweeperGrain")]
public interface IPendingOwnersSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the sweeper's reminder (idempotent; every silo calls it at start).</summary>
    [Alias("StartAsync")] Task StartAsync();
}
