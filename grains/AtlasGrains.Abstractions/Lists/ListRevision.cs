namespace AtlasGrains.Abstractions.Lists;

/// <summary>
/// Which contents of a list a caller holds: a list activation's own count of its changes to the items or their order.
/// It means nothing to another activation, so a copy held from before a list moved or reloaded is sent in full again.
/// <see cref="None"/> holds nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListRevision")]
public readonly record struct ListRevision(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] long Number)
{
    public static readonly ListRevision None = default;
}
