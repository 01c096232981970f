namespace AtlasGrains.Abstractions.Membership;

[GenerateSerializer, Alias("AtlasGrains.BillingInterval")]
public enum BillingInterval
{
    Month = 0,
    Year = 1,
}
