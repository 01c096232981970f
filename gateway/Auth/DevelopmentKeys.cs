namespace AtlasGrains.Gateway.Auth;

/// <summary>The secrets appsettings.Development.json ships with: public, so no real deployment may use them.</summary>
public static class DevelopmentKeys
{
    public const string SigningKey = "LOCAL-DEVELOPMENT-ONLY-signing-key-replace-in-every-real-deployment";

    public const string WebhookSecret = "LOCAL-DEVELOPMENT-ONLY-webhook-secret-replace-in-every-real-deployment";
}
