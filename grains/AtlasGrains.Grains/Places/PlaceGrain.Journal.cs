using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// The counts row written behind the places' journal: a commit whose changes all stay in the counts row stores them as
/// lines of its bucket's journal row (<see cref="Relations.PlaceJournalRow"/>), and the place writes its counts row
/// <see cref="PlaceJournalOptions.StoreDelay"/> later, once for every change since; then the journal rows can go. A
/// deactivation writes it too. After a crash the sweeper replays the journal rows left (<see cref="StoreRelationChangesAsync"/>).
/// </summary>
public sealed partial class PlaceGrain
{
    private IGrainTimer? _store;

    public async Task StoreRelationChangesAsync(RelationChange[] changes)
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"Place '{PlaceId}' does not exist.");
        }

        await _relationCommits.RunExclusiveAsync(async () =>
        {
            // First what this activation holds in the journal only, so that the journal rows the caller replays can go
            // once it answers, whichever of their changes this activation had applied already.
            await _relations.StoreJournaledAsync();
            if (changes.Length > 0)
            {
                await ChangingCountsAsync(() => _relations.CommitAsync(changes, storeNow: true));
            }
        });
        ReportStats();
        AnnounceStats();
    }

    /// <summary>Writes the counts row after the store delay, if changes wait in the journal and no write is due yet.</summary>
    private void StoreJournaledLater()
    {
        if (_store is null && _relations.HasUnstored)
        {
            _store = this.RegisterGrainTimer(StoreJournaledAsync, new GrainTimerCreationOptions(journalOptions.Value.StoreDelay, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task StoreJournaledAsync(CancellationToken cancellationToken)
    {
        _store?.Dispose();
        _store = null;
        await StoreJournaledNowAsync();
        StoreJournaledLater();
    }

    /// <summary>Best effort: changes left in the journal are stored by the next attempt, or replayed by the sweeper.</summary>
    private async Task StoreJournaledNowAsync()
    {
        try
        {
            await _relationCommits.RunExclusiveAsync(_relations.StoreJournaledAsync);
        }
        catch (Exception ex)
        {
            LogStoreJournaledFailed(ex, PlaceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the counts of place {PlaceId} held in the journal failed; they stay there until stored.")]
    private partial void LogStoreJournaledFailed(Exception exception, string placeId);
}
