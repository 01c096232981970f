namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// "Member <see cref="MemberId"/> now does (or does not) hold the place as <see cref="Kind"/>, as of
/// <see cref="Version"/>." The owner of the truth (a user or a list) sends it; the place applies it only
/// when the version is newer than the one it has, so replays and reordering are harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.RelationChange")]
public sealed record RelationChange(
    [property: Id(0)] RelationKind Kind,
    [property: Id(1)] string MemberId,
    [property: Id(2)] bool Present,
    [property: Id(3)] long Version);
