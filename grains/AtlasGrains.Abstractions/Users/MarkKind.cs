namespace AtlasGrains.Abstractions.Users;

/// <summary>The two independent marks a user puts on a place.</summary>
[GenerateSerializer, Alias("AtlasGrains.MarkKind")]
public enum MarkKind
{
    BeenHere = 0,
    WantToGo = 1,
}
