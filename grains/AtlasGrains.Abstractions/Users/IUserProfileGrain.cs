namespace AtlasGrains.Abstractions.Users;

/// <summary>
/// A user's profile, apart from the user grain that holds the marks and lists, so that marking (the hot path) never
/// pays for loading a profile it doesn't use. Reached through <see cref="IUserGrain"/>.
/// </summary>
[Alias("AtlasGrains.IUserProfileGrain")]
public interface IUserProfileGrain : IGrainWithStringKey
{
    /// <summary>Creates the profile; repeating it changes nothing.</summary>
    [Alias("CreateAsync")] Task CreateAsync(string email, string displayName);

    /// <summary>The profile, or null when the user does not exist.</summary>
    [Alias("GetAsync")] Task<UserProfile?> GetAsync();
}
