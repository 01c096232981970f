using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// Gateways' copies of the place page. A gateway that fetches the page subscribes its observer with it
/// (<see cref="GetAndFollowAsync"/>); the place tells its observers, until each answers, whenever a page it answered may be out of
/// date: after each commit that changed the counts or ran while pages were answered, after an edit of the facts, and
/// when the activation leaves, since the next activation won't know them. Telling is invalidation only: a gateway
/// drops its copy and fetches the page again, so no update can arrive out of order and be taken for the newer one.
/// A told gateway follows again only with its next fetch: until then it holds no copy to drop, so a place marked
/// every few seconds tells each gateway once per page it fetched, not once per change.
/// </summary>
public sealed partial class PlaceGrain
{
    /// <summary>Attempts to tell a gateway, a second apart, then two, three...: about ten seconds in all, time for the cluster to learn of a dead silo.</summary>
    private const int NoticeAttempts = 5;

    /// <summary>A notice unanswered this long is told again (Orleans' own response timeout is longer).</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Created by the first fetch: one field per place that no gateway reads (memory: 100,000 places active).</summary>
    private PageFollowers? _pageFollowers;

    public Task<PlaceView?> GetAndFollowAsync(IPlacePageObserver observer)
    {
        if (!Exists)
        {
            return Task.FromResult<PlaceView?>(null);
        }

        _pageFollowers ??= new PageFollowers(new ObserverManager<IPlacePageObserver>(ObserverLifetime, logger));
        _pageFollowers.Observers.Subscribe(observer, observer);
        _pageFollowers.Answered++;
        return Task.FromResult<PlaceView?>(View());
    }

    /// <summary>
    /// Runs work that may change the counts (a group commit, a recount) and tells the page observers afterwards if the
    /// counts changed, or if a page was answered while it ran: the place is reentrant, so such a page may show counts
    /// the work held only for a moment (reloaded after a conflict, say).
    /// </summary>
    private async Task ChangingCountsAsync(Func<Task> work)
    {
        var countsBefore = _relations.Counts.ToPlaceStats();
        var answeredBefore = _pageFollowers?.Answered ?? 0;
        try
        {
            await work();
        }
        finally
        {
            if (_relations.Counts.ToPlaceStats() != countsBefore || (_pageFollowers?.Answered ?? 0) != answeredBefore)
            {
                TellPagesChanged();
            }
        }
    }

    /// <summary>Tells every page observer that its copy is out of date. Never throws: a change can't fail because of a reader.</summary>
    private void TellPagesChanged()
    {
        if (_pageFollowers?.Observers is not { Count: > 0 } observers)
        {
            return;
        }

        try
        {
            var placeId = PlaceId;
            // Off the activation's turn: a change never waits for a gateway, and the telling outlives the activation.
            observers.Notify(observer => _ = Task.Run(() => TellAsync(observer, placeId)));
            observers.Clear();
        }
        catch (Exception ex)
        {
            LogTellPagesFailed(ex, PlaceId);
        }
    }

    /// <summary>
    /// Tells one gateway, again after a failure, until it answers. A notice is lost, not refused, when its route to the
    /// gateway runs through a silo that died and its sender doesn't know yet, so a one-way notice could leave a copy
    /// kept that the change made wrong. A notice told twice only costs a fetch.
    /// </summary>
    private async Task TellAsync(IPlacePageObserver observer, string placeId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var told = observer.PlaceChanged(placeId);
            try
            {
                await told.WaitAsync(NoticeTimeout);
                metrics.PageNoticeTaken();
                return;
            }
            catch (ClientNotAvailableException)
            {
                // The gateway is gone, and its copies with it.
                return;
            }
            catch (Exception ex)
            {
                // A call given up on may still fail later: observed, so it isn't reported as an unobserved exception.
                told.Ignore();
                metrics.PageNoticeFailed(givenUp: attempt == NoticeAttempts);
                if (attempt == NoticeAttempts)
                {
                    // Its copy's lifetime bounds what this costs.
                    LogTellPageFailed(ex, placeId, attempt);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The next activation starts without observers, so it could not tell them about its changes.
        TellPagesChanged();

        // The next activation reads the counts row: it should not have to wait for the sweeper to replay the journal.
        if (_relations?.HasUnstored == true)
        {
            await StoreJournaledNowAsync();
        }
    }

    /// <summary>The gateways following the page, and how many pages this activation answered them.</summary>
    private sealed class PageFollowers(ObserverManager<IPlacePageObserver> observers)
    {
        public ObserverManager<IPlacePageObserver> Observers { get; } = observers;

        /// <summary>A commit that saw this move tells the observers: a page it answered may show counts held for a moment.</summary>
        public long Answered { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the gateways' copies of place {PlaceId} that it changed failed.")]
    private partial void LogTellPagesFailed(Exception exception, string placeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A gateway did not take the notice that place {PlaceId} changed in {Attempts} attempts; its copy lives out its lifetime.")]
    private partial void LogTellPageFailed(Exception exception, string placeId, int attempts);
}
