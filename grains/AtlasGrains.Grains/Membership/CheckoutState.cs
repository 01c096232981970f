namespace AtlasGrains.Grains.Membership;

[GenerateSerializer, Alias("AtlasGrains.CheckoutState")]
public sealed class CheckoutState
{
    [Id(0)] public string UserId { get; set; } = "";
}
