namespace AtlasGrains.Abstractions.Places;

/// <summary>The ways a place can be held: by a user's "been here", a user's "want to go", or a list.</summary>
[GenerateSerializer, Alias("AtlasGrains.RelationKind")]
public enum RelationKind
{
    BeenHere = 0,
    WantToGo = 1,
    List = 2,
}
