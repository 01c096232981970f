using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Auth;

/// <summary>Refuses to start anywhere but Development with a secret that appsettings.Development.json publishes.</summary>
public sealed class DevelopmentSecretValidator<TOptions>(
    IHostEnvironment environment, Func<TOptions, string> secret, string publishedValue, string setting)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        secret(options) == publishedValue && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"{setting} is the published development value, which only the Development environment accepts (this is {environment.EnvironmentName}): set {setting.Replace(":", "__")} to a secret of your own.")
            : ValidateOptionsResult.Success;
}

public static class DevelopmentSecretValidation
{
    public static IServiceCollection RefuseDevelopmentSecret<TOptions>(
        this IServiceCollection services, Func<TOptions, string> secret, string publishedValue, string setting)
        where TOptions : class =>
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new DevelopmentSecretValidator<TOptions>(
            provider.GetRequiredService<IHostEnvironment>(), secret, publishedValue, setting));
}
