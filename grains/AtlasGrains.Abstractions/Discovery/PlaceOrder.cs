namespace AtlasGrains.Abstractions.Discovery;

public enum PlaceOrder
{
    /// <summary>Newest published first.</summary>
    Latest,

    /// <summary>Most "been here" plus "want to go" first.</summary>
    Popular,
}
