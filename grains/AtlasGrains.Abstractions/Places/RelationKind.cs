namespace AtlasGrains.Abstractions.Places;

/// <summary>The ways a thing can be held: a place by a user's "been here" or "want to go" or by a list; a newsletter by a subscriber.</summary>
[GenerateSerializer, Alias("AtlasGrains.RelationKind")]
public enum RelationKind
{
    BeenHere = 0,
    WantToGo = 1,
    List = 2,

    /// <summary>An address subscribed to a newsletter (the "place" is then the newsletter).</summary>
    Subscriber = 3,
}
