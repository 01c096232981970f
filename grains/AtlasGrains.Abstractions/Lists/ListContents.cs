namespace AtlasGrains.Abstractions.Lists;

/// <summary>
/// What a list grain holds: its owner and its items in order, as of <see cref="Revision"/>.
/// A caller that named the revision it holds gets only the items after the first <see cref="KeptItemCount"/>, which
/// are exactly its own copy's (items were only added since); everyone else gets every item and a count of 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListContents")]
public sealed record ListContents(
    [property: Id(0)] string ListId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] ListItem[] Items,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] ListRevision Revision = default,
    [property: Id(5)] int KeptItemCount = 0)
{
    /// <summary>How many items the list holds, the kept ones included.</summary>
    public int ItemCount => KeptItemCount + Items.Length;
}
