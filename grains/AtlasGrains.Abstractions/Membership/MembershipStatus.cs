namespace AtlasGrains.Abstractions.Membership;

[GenerateSerializer, Alias("AtlasGrains.MembershipStatus")]
public enum MembershipStatus
{
    PendingPayment = 0,
    Active = 1,

    /// <summary>Cancelled by the member; still active until it ends.</summary>
    Canceling = 2,
    Expired = 3,
}
