using AtlasGrains.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Membership;

/// <summary>Refuses to start anywhere but Development with the published development webhook secret.</summary>
public sealed class PaymentOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options) =>
        options.WebhookSecret == DevelopmentKeys.WebhookSecret && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"Payments:WebhookSecret is the published development secret, which only the Development environment accepts (this is {environment.EnvironmentName}): set Payments__WebhookSecret to the secret shared with the payment provider.")
            : ValidateOptionsResult.Success;
}
