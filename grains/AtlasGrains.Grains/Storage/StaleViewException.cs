namespace AtlasGrains.Grains.Storage;

/// <summary>A write lost a race with another writer; the in-memory view was reloaded and the caller should decide again.</summary>
internal sealed class StaleViewException(Exception inner)
    : Exception("The stored state changed under this activation; it was reloaded.", inner);
