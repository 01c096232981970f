using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.Membership;

/// <summary>The payment provider's callbacks ("Payments" section).</summary>
public sealed class PaymentOptions
{
    /// <summary>The secret both sides sign webhook bodies with (HMAC-SHA256).</summary>
    [Required(ErrorMessage = "Payments:WebhookSecret is required (environment: Payments__WebhookSecret), at least 32 characters.")]
    [MinLength(32, ErrorMessage = "Payments:WebhookSecret must be at least 32 characters.")]
    public string WebhookSecret { get; set; } = "";
}
