namespace AtlasGrains.Abstractions.Accounts;

/// <summary>An account, keyed by <see cref="EmailKey.For"/> of the normalized address: the one place that decides an email is taken.</summary>
[Alias("AtlasGrains.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Registers the address for a new user; null when the address is already registered.</summary>
    [Alias("RegisterAsync")] Task<string?> RegisterAsync(string email, string passwordHash, string displayName);

    /// <summary>The credential, or null for an unknown address. Completes a registration a crash interrupted.</summary>
    [Alias("GetCredentialAsync")] Task<AccountCredential?> GetCredentialAsync();

    /// <summary>Replaces the stored hash after the hasher asked for a rehash.</summary>
    [Alias("UpdatePasswordHashAsync")] Task UpdatePasswordHashAsync(string passwordHash);
}
