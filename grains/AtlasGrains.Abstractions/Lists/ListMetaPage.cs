namespace AtlasGrains.Abstractions.Lists;

[GenerateSerializer, Immutable, Alias("AtlasGrains.ListMetaPage")]
public sealed record ListMetaPage(
    [property: Id(0)] ListMeta[] Items,
    [property: Id(1)] ListCursor? Next);
