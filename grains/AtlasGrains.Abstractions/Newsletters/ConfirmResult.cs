namespace AtlasGrains.Abstractions.Newsletters;

[GenerateSerializer, Alias("AtlasGrains.ConfirmResult")]
public enum ConfirmResult
{
    Confirmed = 0,

    /// <summary>Unknown, already used, or superseded by an unsubscribe.</summary>
    Invalid = 1,
    Expired = 2,
}
