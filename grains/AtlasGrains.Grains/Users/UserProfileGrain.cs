using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Users;

/// <summary>A user's profile in grain storage (email, display name, when they joined).</summary>
[GrainType("userprofile")]
public sealed class UserProfileGrain(
    [PersistentState("profile", StorageNames.GrainState)] IPersistentState<UserProfileState> profile,
    AtlasClock clock)
    : Grain, IUserProfileGrain
{
    public async Task CreateAsync(string email, string displayName)
    {
        if (profile.RecordExists)
        {
            return;
        }

        profile.State = new UserProfileState { Email = email, DisplayName = displayName, CreatedAt = clock.Now };
        try
        {
            await profile.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed: the next call must read what storage says.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<UserProfile?> GetAsync() => Task.FromResult(profile.RecordExists
        ? new UserProfile(this.GetPrimaryKeyString(), profile.State.Email, profile.State.DisplayName, profile.State.CreatedAt)
        : null);
}
