using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Discovery.Index;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user: profile in its own grain (<see cref="UserProfileGrain"/>); marks (<see cref="UserMarkLedger"/>) and lists
/// (<see cref="UserListIndex"/>) in the user's range of the user-marks table (<see cref="UserRows"/>). The marks are the truth;
/// places follow through the outbox (<see cref="UserPendingChanges"/>), re-delivered after any failure when the
/// pending-owners sweeper finds a wake-up row naming the user and wakes it. The rows are read before the activation's first call, unless that
/// call is a mark the silo may take as a new user's (<see cref="NewUserGuesses"/>).
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    UserPartitions partitions,
    NewUserGuesses newUserGuesses,
    PlaceIndex knownPlaces,
    AtlasMetrics metrics,
    AtlasClock clock,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IIncomingGrainCallFilter
{
    private const int MaxDecisionAttempts = 3;

    private UserPartition _partition = null!;
    private UserMetaRow _meta = null!;
    private UserMarkLedger _marks = null!;
    // Made with their first use: a user who only marks (most of them) never needs either.
    private UserListIndex? _lists;
    private UserWakeRow? _wakeUp;

    /// <summary>Whether memory holds the user's stored rows: read, or found to be none by a guess that held.</summary>
    private bool _loaded;

    private string? _userId;

    /// <summary>One copy for the activation's lifetime: each call of GetPrimaryKeyString builds a new string.</summary>
    private string UserId => _userId ??= this.GetPrimaryKeyString();

    private IUserProfileGrain Profile => GrainFactory.GetGrain<IUserProfileGrain>(UserId);

    private UserListIndex Lists => _lists ??= new UserListIndex(_partition, UserId, _meta, () => LoadPartitionAsync(), clock.Time);

    private UserWakeRow WakeUp => _wakeUp ??= new UserWakeRow(_partition, UserId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _partition = await partitions.ForAsync(UserId);
        _meta = new UserMetaRow(_partition, UserId, new UserPendingChanges(UserId, metrics), () => _marks.InlineToStore());
        _marks = new UserMarkLedger(_partition, UserId, _meta, clock.Time, metrics);
    }

    /// <summary>
    /// Reads the user's rows before any call that needs them. In the grain's own filter, so that no call can be added
    /// that forgets it. Not async on the way that needs no read, most calls: every call passes here, and an async
    /// method's state machine would be one more allocation each.
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext context) =>
        !_loaded && NeedsRows(context) ? LoadThenInvokeAsync(context) : context.Invoke();

    private async Task LoadThenInvokeAsync(IIncomingGrainCallContext context)
    {
        await LoadAsync();
        await context.Invoke();
    }

    /// <summary>
    /// Every call but the profile's (its own grain's state: a user who just signed up is still unread when marking)
    /// and a mark that takes the user as new. Clearing a mark never guesses: it would find nothing to clear.
    /// </summary>
    private bool NeedsRows(IIncomingGrainCallContext context) => context.InterfaceMethod.Name switch
    {
        nameof(IUserGrain.CreateProfileAsync) or nameof(IUserGrain.GetProfileAsync) => false,
        nameof(IUserGrain.SetMarkAsync) => context.Request.GetArgument(2) is not true || !newUserGuesses.ShouldGuess(),
        _ => true,
    };

    private async Task LoadAsync()
    {
        await LoadPartitionAsync();
        if (_lists?.Unfinished.Count > 0)
        {
            // Marks left undelivered have their transactions' wake-up rows; list work has only this row to bring the user back.
            await WakeUp.RenewAsync();
        }

        if (_marks.Outbox.HasUnconfirmed)
        {
            RedeliverSoon();
        }

        _loaded = true;
    }

    private async Task LoadPartitionAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _partition.ReadAllAsync(cancellationToken);
        _marks.Load(rows);
        if (_lists is not null || UserListIndex.AnyIn(rows, UserId))
        {
            Lists.Load(rows);
        }
    }

    public Task CreateProfileAsync(string email, string displayName) => Profile.CreateAsync(email, displayName);

    public Task<UserProfile?> GetProfileAsync() => Profile.GetAsync();

    // No list index is made to count none.
    public Task<UserStats> GetStatsAsync() => Task.FromResult(new UserStats(
        _marks.Count(MarkKind.BeenHere),
        _marks.Count(MarkKind.WantToGo),
        _lists?.Count(includePrivate: true) ?? 0,
        _lists?.Count(includePrivate: false) ?? 0));

    public async Task<MarkOutcome> SetMarkAsync(string placeId, MarkKind kind, bool marked)
    {
        var place = GrainFactory.GetGrain<IPlaceGrain>(placeId);
        // A place must exist before a mark on it is stored. One the silo's discovery index holds exists for good
        // (places are never deleted), so only a place too new for the index costs a call to ask.
        var known = knownPlaces.Knows(placeId);
        var stats = known ? null : await place.GetStatsAsync();
        if (!known && stats is null)
        {
            return Outcome(placeId, null);
        }

        // Taken as new (nothing read), this activation's first change inserts the meta row, which fails if the user has one.
        var guessedNew = !_loaded;
        for (var attempt = 1; ; attempt++)
        {
            if (_marks.IsMarked(kind, placeId) == marked)
            {
                // Nothing to change, but a retry after a timeout must still get the change to the place.
                stats = _marks.Outbox.UnconfirmedFor(new MarkKey(kind, placeId).OutboxKey) is { } unconfirmed
                    ? await DeliverAsync(place, [unconfirmed])
                    : stats ?? await place.GetStatsAsync();
                return Outcome(placeId, stats);
            }

            try
            {
                // The outbox entry goes with the change, with a wake-up row that brings this user back to finish the
                // delivery after a crash right after the store.
                var pending = await _marks.CommitAsync(kind, placeId, marked);
                if (guessedNew)
                {
                    // The insert held: the user had stored nothing, so memory is the whole truth now.
                    _loaded = true;
                    newUserGuesses.Record(right: true);
                }

                stats = await DeliverAsync(place, [pending]);
                return Outcome(placeId, stats);
            }
            catch (StaleViewException) when (guessedNew)
            {
                // A returning user: read everything (lists too), then decide on what is stored.
                guessedNew = false;
                newUserGuesses.Record(right: false);
                await LoadAsync();
            }
            catch (StaleViewException) when (attempt < MaxDecisionAttempts)
            {
                // Reloaded: decide again on what is stored now.
            }
        }
    }

    public async Task ResendMarkAsync(string placeId, MarkKind kind)
    {
        var pending = await _marks.ResendAsync(kind, placeId);
        await DeliverAsync(GrainFactory.GetGrain<IPlaceGrain>(placeId), [pending]);
    }

    public async Task<UserPlaceState> GetPlaceStateAsync(string placeId)
    {
        string[] myLists = _lists is null ? [] : [.. _lists.ListIds];
        var holding = await GrainFactory.GetGrain<IPlaceGrain>(placeId).GetHoldingMembersAsync(RelationKind.List, myLists);
        return new UserPlaceState(placeId, _marks.IsMarked(MarkKind.BeenHere, placeId), _marks.IsMarked(MarkKind.WantToGo, placeId), holding);
    }

    public Task<MarkPage> GetMarksAsync(MarkKind kind, MarkCursor? after, int limit)
    {
        var ordered = _marks.Marks(kind)
            .OrderByDescending(mark => mark.MarkedAt.UtcTicks)
            .ThenBy(mark => mark.PlaceId, StringComparer.Ordinal)
            .SkipWhile(mark => after is not null && !IsAfter(mark, after))
            .Take(limit + 1)
            .ToArray();
        var page = ordered.Take(limit).ToArray();
        var next = ordered.Length > limit ? new MarkCursor(page[^1].MarkedAt.UtcTicks, page[^1].PlaceId) : null;
        return Task.FromResult(new MarkPage(page, next));
    }

    /// <summary>Delivers stored changes; one that fails stays in the outbox, and its wake-up row stays for the sweeper.</summary>
    private async Task<PlaceStats> DeliverAsync(IPlaceGrain place, PendingDelivery[] deliveries)
    {
        var stats = await place.ApplyRelationChangesAsync([.. deliveries.Select(delivery => delivery.Change)]);
        foreach (var delivery in deliveries)
        {
            _marks.Outbox.Confirm(delivery);
        }

        return stats;
    }

    private MarkOutcome Outcome(string placeId, PlaceStats? stats) => new(
        placeId, _marks.IsMarked(MarkKind.BeenHere, placeId), _marks.IsMarked(MarkKind.WantToGo, placeId), stats);

    private static bool IsAfter(MarkEntry mark, MarkCursor cursor) =>
        mark.MarkedAt.UtcTicks < cursor.MarkedAtTicks
        || (mark.MarkedAt.UtcTicks == cursor.MarkedAtTicks && string.CompareOrdinal(mark.PlaceId, cursor.PlaceId) > 0);
}
