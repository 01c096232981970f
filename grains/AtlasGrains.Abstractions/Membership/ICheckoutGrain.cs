namespace AtlasGrains.Abstractions.Membership;

/// <summary>A checkout, keyed by its id: which user the payment provider's callbacks are about.</summary>
[Alias("AtlasGrains.ICheckoutGrain")]
public interface ICheckoutGrain : IGrainWithStringKey
{
    [Alias("BindAsync")] Task BindAsync(string userId);

    /// <summary>The user, or null for a checkout this service never started.</summary>
    [Alias("GetUserAsync")] Task<string?> GetUserAsync();
}
