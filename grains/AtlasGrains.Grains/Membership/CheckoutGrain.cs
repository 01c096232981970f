using AtlasGrains.Abstractions.Membership;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Membership;

[GrainType("checkout")]
public sealed class CheckoutGrain([PersistentState("checkout", StorageNames.GrainState)] IPersistentState<CheckoutState> state)
    : Grain, ICheckoutGrain
{
    public async Task BindAsync(string userId)
    {
        if (state.RecordExists)
        {
            return;
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
    }

    public Task<string?> GetUserAsync() => Task.FromResult(state.RecordExists ? state.State.UserId : null);
}
