using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Auth;

/// <summary>Refuses to start anywhere but Development with the published development signing key.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.SigningKey == DevelopmentKeys.SigningKey && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"Auth:SigningKey is the published development key, which only the Development environment accepts (this is {environment.EnvironmentName}): set Auth__SigningKey to a secret of at least 32 characters.")
            : ValidateOptionsResult.Success;
}
