using System.Collections.Concurrent;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// The place pages this gateway answered lately, kept so that a read of a place page needs no call to the silo
/// (bench/README.md, S3). A copy is fetched with <see cref="IPlaceGrain.GetAndFollowAsync"/>, which subscribes this
/// gateway to the place; the place tells it whenever the page may have changed, and the copy is dropped.
/// <list type="bullet">
/// <item>Changes made through this gateway drop their places' copies themselves before they answer
/// (<see cref="Forget"/>), so a client always reads its own writes; the place's notice may come after the answer.</item>
/// <item>A notice drops the copy from the table; a fetch in flight then fills the dropped copy, which nobody reads, so
/// a page fetched before a change can never be kept after the change's notice.</item>
/// <item>One fetch per place at a time: readers that find a fetch in flight wait for it rather than ask the place too
/// (a viral place, read heavily while its marks drop the copy several times a second). That fetch began after its
/// entry was made, so after every change whose notice or <see cref="Forget"/> came before the reader.</item>
/// <item>Losing the connection to a silo drops every copy (<see cref="ForgetAll"/>): its places' next activations
/// elsewhere won't know this gateway. Every copy is asked again after <see cref="PlacePagesOptions.Lifetime"/>
/// anyway, which bounds what any unforeseen loss of a notice could cost.</item>
/// <item>A copy read in the last third of the lifetime before it expires is fetched again in the background, while that
/// read and those after it answer from the copy: a place read at least that often is never waited for once its first
/// copy is kept. Without it every read just after a copy expired waited for the silo, and the copies a gateway fetched
/// together kept expiring close together (bench/README.md, S3). A refreshed copy is a new fetch, so the lifetime still
/// bounds what any copy answers.</item>
/// </list>
/// </summary>
public sealed class PlacePageCache : IPlacePageObserver
{
    private readonly ConcurrentDictionary<string, KeptPage> _pages = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly PlacePagesOptions _options;
    private readonly long _lifetimeTicks;
    private readonly Lazy<IPlacePageObserver> _reference;
    private readonly PlacePageMetrics _metrics;
    private readonly System.Text.Encodings.Web.JavaScriptEncoder? _encoder;
    /// <summary>About the bytes the copies hold; kept exactly only by <see cref="Trim"/>, which recounts them.</summary>
    private long _bytes;
    private int _trimming;

    public PlacePageCache(
        IGrainFactory grains, TimeProvider time, IOptions<PlacePagesOptions> options, IOptions<HttpJsonOptions> json, IMeterFactory meters)
    {
        _grains = grains;
        _encoder = json.Value.SerializerOptions.Encoder;
        _time = time;
        _options = options.Value;
        _lifetimeTicks = (long)(_options.Lifetime.TotalSeconds * time.TimestampFrequency);
        // One reference for all places: notices name their place.
        _reference = new(() => grains.CreateObjectReference<IPlacePageObserver>(this));
        _metrics = new PlacePageMetrics(meters, this);
    }

    /// <summary>How many places' pages are kept now (entries still being fetched included).</summary>
    public int Count => _pages.Count;

    /// <summary>About how much memory the copies hold now (<see cref="PlacePageSize"/>).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Whether a current copy of the place's page is kept (what the next read would answer from).</summary>
    public bool Holds(string placeId) =>
        _pages.TryGetValue(placeId, out var kept) && Volatile.Read(ref kept.Page) is { } page && _time.GetTimestamp() < page.FreshUntil;

    /// <summary>The place's page, from a current copy if there is one; null when the place does not exist.</summary>
    public async Task<PlaceResponse?> GetAsync(string placeId) => (await GetPageAsync(placeId))?.Response;

    /// <summary>The place's page with its JSON, from a current copy if there is one; null when the place does not exist.</summary>
    public async Task<PlacePage?> GetPageAsync(string placeId)
    {
        if (_lifetimeTicks == 0)
        {
            _metrics.AnsweredByFetch();
            return await _grains.GetGrain<IPlaceGrain>(placeId).GetAsync() is { } view ? Render(PlaceResponse.From(view)) : null;
        }

        var kept = Find(placeId);
        var startedAt = _time.GetTimestamp();
        if (Volatile.Read(ref kept.Page) is { } page && startedAt < page.FreshUntil)
        {
            if (startedAt >= page.RefreshFrom && Volatile.Read(ref kept.Fetch) is null && FetchOnce(placeId, kept, startedAt).Started)
            {
                _metrics.Refreshed();
            }

            _metrics.AnsweredFromCopy();
            return page.Page;
        }

        var (fetch, started) = FetchOnce(placeId, kept, startedAt);
        if (!started)
        {
            _metrics.AnsweredByAnotherReadsFetch();
            return await fetch;
        }

        var response = await fetch;
        _metrics.AnsweredByFetch();
        return response;
    }

    /// <summary>The fetch a read of the place arriving now would wait for, if one is in flight (a refresh included).</summary>
    public Task<PlacePage?>? FetchInFlight(string placeId) =>
        _pages.TryGetValue(placeId, out var kept) ? Volatile.Read(ref kept.Fetch) : null;

    /// <summary>
    /// Starts the place's fetch unless one is in flight already, and returns the one in flight either way. Nobody need
    /// wait for it: a refresh runs on while its reader answers from the copy, and its failure is observed here.
    /// </summary>
    private (Task<PlacePage?> Fetch, bool Started) FetchOnce(string placeId, KeptPage kept, long startedAt)
    {
        var fetch = new TaskCompletionSource<PlacePage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref kept.Fetch, fetch.Task, null) is { } inFlight)
        {
            return (inFlight, false);
        }

        _ = CompleteAsync(fetch, placeId, kept, startedAt);
        return (fetch.Task, true);
    }

    private async Task CompleteAsync(TaskCompletionSource<PlacePage?> fetch, string placeId, KeptPage kept, long startedAt)
    {
        try
        {
            var response = await FetchAsync(placeId, kept, startedAt);
            Volatile.Write(ref kept.Fetch, null);
            fetch.SetResult(response);
        }
        catch (Exception failure)
        {
            Volatile.Write(ref kept.Fetch, null);
            fetch.SetException(failure);
            // Observed here, so that a failure nobody waited for (a refresh's) is not reported again as unobserved.
            _ = fetch.Task.Exception;
        }
    }

    /// <summary>Asks the place for its page and follows it; keeps the page in the entry unless the place is unknown.</summary>
    private async Task<PlacePage?> FetchAsync(string placeId, KeptPage kept, long startedAt)
    {
        var fetched = await _grains.GetGrain<IPlaceGrain>(placeId).GetAndFollowAsync(_reference.Value);
        if (fetched is null)
        {
            // Unknown places are not kept: a scan of made-up ids must not fill the table.
            Remove(placeId, kept);
            return null;
        }

        var page = Render(PlaceResponse.From(fetched));
        // Fresh from when it was asked for: a notice for a change after that drops it.
        var freshUntil = startedAt + LifetimeOfACopy();
        var copy = new KeptPage.Copy(page, freshUntil, freshUntil - _lifetimeTicks / 3, PlacePageSize.Of(page));
        var replaced = Interlocked.Exchange(ref kept.Page, copy);
        if (Interlocked.Add(ref _bytes, copy.Bytes - (replaced?.Bytes ?? 0)) > _options.MaxBytes)
        {
            Trim();
        }

        return page;
    }

    private PlacePage Render(PlaceResponse response) => new(response, PlaceJsonWriter.Render(response, _encoder));

    /// <summary>
    /// Between three quarters of the lifetime and all of it, at random. Copies fetched together (a gateway's first
    /// reads, all of them again after a silo was lost) would otherwise expire together, and the reads right after
    /// would all ask the silo at once; fetched together again, they would do so again every lifetime. In the bench
    /// that was a read loop's p99 of 36 to 77 ms against 7 to 9 ms in the loops without (bench/README.md, S3).
    /// </summary>
    private long LifetimeOfACopy() => _lifetimeTicks - (long)(Random.Shared.NextDouble() * (_lifetimeTicks / 4));

    /// <summary>Drops the place's copy: called by changes made through this gateway before they answer.</summary>
    public void Forget(string placeId)
    {
        if (_pages.TryRemove(placeId, out var kept))
        {
            Interlocked.Add(ref _bytes, -(Volatile.Read(ref kept.Page)?.Bytes ?? 0));
        }
    }

    /// <summary>Drops every copy: a silo left the cluster or the connection to one was lost, and its places' notices with it.</summary>
    public void ForgetAll()
    {
        _pages.Clear();
        Volatile.Write(ref _bytes, 0);
    }

    Task IPlacePageObserver.PlaceChanged(string placeId)
    {
        Forget(placeId);
        return Task.CompletedTask;
    }

    private KeptPage Find(string placeId)
    {
        while (true)
        {
            if (_pages.TryGetValue(placeId, out var kept))
            {
                return kept;
            }

            // Added only if nobody added one meanwhile, so a place has one entry and every notice finds it.
            var created = new KeptPage();
            if (_pages.TryAdd(placeId, created))
            {
                return created;
            }
        }
    }

    private void Remove(string placeId, KeptPage kept)
    {
        if (_pages.TryRemove(new KeyValuePair<string, KeptPage>(placeId, kept)))
        {
            Interlocked.Add(ref _bytes, -(Volatile.Read(ref kept.Page)?.Bytes ?? 0));
        }
    }

    /// <summary>
    /// Drops stale copies, then others in the table's own order (no order worth keeping), to 90% of the limit, and
    /// recounts the bytes: a copy filled after its entry was dropped was counted but is held by nobody.
    /// </summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            var target = _options.MaxBytes * 9 / 10;
            var bytes = 0L;
            foreach (var (placeId, kept) in _pages)
            {
                if (Volatile.Read(ref kept.Page) is not { } page)
                {
                    continue;
                }

                if (now >= page.FreshUntil || bytes + page.Bytes > target)
                {
                    _pages.TryRemove(new KeyValuePair<string, KeptPage>(placeId, kept));
                }
                else
                {
                    bytes += page.Bytes;
                }
            }

            Volatile.Write(ref _bytes, bytes);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    /// <summary>A place's entry: the copy, once a fetch filled it, and the fetch in flight, if one is.</summary>
    private sealed class KeptPage
    {
        /// <summary>Read with <see cref="Volatile.Read{T}(ref T)"/>, written with <see cref="Interlocked.Exchange{T}(ref T, T)"/>.</summary>
        public Copy? Page;

        /// <summary>Set by the read that fetches (<see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>), cleared when it has the answer.</summary>
        public Task<PlacePage?>? Fetch;

        /// <param name="RefreshFrom">From when a read fetches the page again in the background (a third of the lifetime before <paramref name="FreshUntil"/>).</param>
        public sealed record Copy(PlacePage Page, long FreshUntil, long RefreshFrom, int Bytes);
    }
}
