using AtlasGrains.Grains.Users;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The durable wake-up of an outbox owner. Registered before the owner stores a change it must deliver,
/// so that a crash right after the store still leaves something that reactivates the owner to finish;
/// unregistered once nothing is left to deliver.
/// </summary>
internal sealed class DeliveryReminder(Grain grain, IOptions<MarkDeliveryOptions> options)
{
    public const string Name = "deliver-relations";

    private bool _registered;

    public async Task EnsureRegisteredAsync()
    {
        if (_registered)
        {
            return;
        }

        var period = options.Value.RetryPeriod;
        await grain.RegisterOrUpdateReminder(Name, period, period);
        _registered = true;
    }

    public async Task UnregisterAsync()
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }

        _registered = false;
    }
}
