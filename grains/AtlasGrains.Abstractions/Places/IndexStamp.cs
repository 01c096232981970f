namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// A point in one silo's index of places (<see cref="Index"/>, new with each index): what a caller read from that
/// index is as of <see cref="Position"/>, its count of changes applied. Given back, it lets the index name the places
/// changed since instead of the caller's whole holding being compared again. <see cref="None"/> stands for no point:
/// what the caller holds is compared place by place.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.IndexStamp")]
public readonly record struct IndexStamp(
    [property: Id(0)] Guid Index,
    [property: Id(1)] long Position)
{
    public static readonly IndexStamp None = default;
}
