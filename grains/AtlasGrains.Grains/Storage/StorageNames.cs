namespace AtlasGrains.Grains.Storage;

/// <summary>Names of the Orleans storage providers the grains ask for.</summary>
public static class StorageNames
{
    /// <summary>Bounded grain state (profiles, place facts, accounts) in the stock Azure Table provider.</summary>
    public const string GrainState = "grain-state";
}
