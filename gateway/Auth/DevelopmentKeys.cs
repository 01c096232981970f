namespace AtlasGrains.Gateway.Auth;

/// <summary>The signing key that appsettings.Development.json ships with: public, so no real deployment may use it.</summary>
public static class DevelopmentKeys
{
    public const string SigningKey = "LOCAL-DEVELOPMENT-ONLY-signing-key-replace-in-every-real-deployment";
}
