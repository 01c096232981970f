namespace AtlasGrains.Abstractions.Membership;

/// <summary>A user's paid membership, keyed by the user id.</summary>
[Alias("AtlasGrains.IMembershipGrain")]
public interface IMembershipGrain : IGrainWithStringKey
{
    /// <summary>Starts a checkout for the plan; null when a membership is active (or canceling but not yet ended).</summary>
    [Alias("StartCheckoutAsync")] Task<MembershipView?> StartCheckoutAsync(string planId, BillingInterval interval);

    /// <summary>The membership as of now (a canceled one reads as expired once it has ended), or null.</summary>
    [Alias("GetAsync")] Task<MembershipView?> GetAsync();

    /// <summary>Cancels at the end of the paid period; null when there is no active membership.</summary>
    [Alias("CancelAsync")] Task<MembershipView?> CancelAsync();

    /// <summary>Applies a payment event once per event id; events for another checkout change nothing.</summary>
    [Alias("ApplyPaymentAsync")] Task ApplyPaymentAsync(PaymentEvent payment);
}
