using AtlasGrains.Abstractions.Accounts;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Accounts;

/// <summary>
/// An account keyed by normalized email. Its state is written first and is the truth of "this address
/// is taken"; the user's profile follows and is completed on the next sign-in if a crash cut it short.
/// </summary>
[GrainType("account")]
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.GrainState)] IPersistentState<AccountState> state,
    AtlasClock clock)
    : Grain, IAccountGrain
{
    public async Task<string?> RegisterAsync(string email, string passwordHash, string displayName)
    {
        if (state.RecordExists)
        {
            return null;
        }

        state.State = new AccountState
        {
            UserId = Guid.NewGuid().ToString("N"),
            Email = email,
            PasswordHash = passwordHash,
            DisplayName = displayName,
            CreatedAt = clock.Now,
        };
        await WriteAsync();
        await EnsureProfileAsync();
        return state.State.UserId;
    }

    public async Task<AccountCredential?> GetCredentialAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        await EnsureProfileAsync();
        return new AccountCredential(state.State.UserId, state.State.PasswordHash);
    }

    public async Task UpdatePasswordHashAsync(string passwordHash)
    {
        if (!state.RecordExists)
        {
            return;
        }

        state.State.PasswordHash = passwordHash;
        await WriteAsync();
    }

    private async Task EnsureProfileAsync()
    {
        if (state.State.ProfileCreated)
        {
            return;
        }

        await GrainFactory.GetGrain<IUserGrain>(state.State.UserId).CreateProfileAsync(state.State.Email, state.State.DisplayName);
        state.State.ProfileCreated = true;
        await WriteAsync();
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
