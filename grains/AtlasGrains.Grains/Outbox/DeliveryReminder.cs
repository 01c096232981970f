using AtlasGrains.Grains.Users;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The durable wake-up of an outbox owner. Registered before the owner stores a change it must deliver,
/// so that a crash right after the store still leaves something that reactivates the owner to finish;
/// unregistered once nothing is left to deliver.
/// </summary>
/// <remarks>
/// The "registered" flag only saves a reminder-table write per change while all goes well. It can be stale:
/// a duplicate activation during a membership change may have found nothing to deliver and unregistered the
/// reminder. So whenever something is known to be left undelivered (a delivery failed, or an activation found
/// rows left over) the owner calls <see cref="RenewAsync"/>, which writes the reminder whatever the flag says.
/// </remarks>
internal sealed class DeliveryReminder(Grain grain, IOptions<MarkDeliveryOptions> options)
{
    public const string Name = "deliver-relations";

    private bool _registered;

    /// <summary>The reminder as this activation registered it: unregistering it needs no read, and can't remove a newer registration.</summary>
    private IGrainReminder? _handle;

    public async Task EnsureRegisteredAsync()
    {
        if (_registered)
        {
            return;
        }

        var period = options.Value.RetryPeriod;
        _handle = await grain.RegisterOrUpdateReminder(Name, period, period);
        _registered = true;
    }

    /// <summary>
    /// Registers again whatever this activation did before. Best effort: it runs when something already went
    /// wrong, whose own error is what the caller reports; if this fails too, the next activation renews.
    /// </summary>
    public async Task RenewAsync()
    {
        _registered = false;
        try
        {
            await EnsureRegisteredAsync();
        }
        catch (Exception)
        {
            // See above: the caller's own failure is the one worth reporting.
        }
    }

    public async Task UnregisterAsync()
    {
        // Cleared first: an unregistration whose answer is lost may still have happened.
        _registered = false;
        var reminder = _handle ?? await grain.GetReminder(Name);
        _handle = null;
        if (reminder is null)
        {
            return;
        }

        try
        {
            await grain.UnregisterReminder(reminder);
        }
        catch (ReminderException)
        {
            // Registered again since (its ETag moved on): whoever did has something to deliver and needs it.
            // Once it has nothing left, a tick unregisters it.
        }
    }
}
