namespace AtlasGrains.Grains.Storage;

/// <summary>
/// The grains' own clock. Orleans also resolves TimeProvider for its runtime, so the grains get theirs under
/// this name: tests can move it (token expiry, membership end) without moving the runtime's timers.
/// </summary>
public sealed class AtlasClock(TimeProvider time)
{
    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();
}
