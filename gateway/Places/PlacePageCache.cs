using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// The place pages this gateway answered lately, kept so that a read of a place page needs no call to the silo
/// (bench/findings/reads.md). A copy is fetched with <see cref="IPlaceGrain.GetAndFollowAsync"/>, which subscribes
/// this gateway to the place; the place tells it whenever the page may have changed, and the copy is dropped.
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
/// <item>A copy read near its end (<see cref="PlacePageLifetime.RefreshFrom"/>) is fetched again in the background while
/// reads answer from it, so a steadily read place is never waited for. The new copy is a fetch of its own.</item>
/// </list>
/// </summary>
public sealed class PlacePageCache : IPlacePageObserver
{
    private readonly PlacePageTable _table;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly PlacePageLifetime _lifetime;
    private readonly Lazy<IPlacePageObserver> _reference;
    private readonly PlacePageMetrics _metrics;
    private readonly JavaScriptEncoder? _encoder;

    public PlacePageCache(
        IGrainFactory grains, TimeProvider time, IOptions<PlacePagesOptions> options, IOptions<HttpJsonOptions> json, IMeterFactory meters)
    {
        _grains = grains;
        _encoder = json.Value.SerializerOptions.Encoder;
        _time = time;
        _table = new PlacePageTable(time, options.Value.MaxBytes);
        _lifetime = new PlacePageLifetime((long)(options.Value.Lifetime.TotalSeconds * time.TimestampFrequency));
        // One reference for all places: notices name their place.
        _reference = new(() => grains.CreateObjectReference<IPlacePageObserver>(this));
        _metrics = new PlacePageMetrics(meters, this);
    }

    /// <summary>How many places' pages are kept now (entries still being fetched included).</summary>
    public int Count => _table.Count;

    /// <summary>About how much memory the copies hold now (<see cref="PlacePageSize"/>).</summary>
    public long Bytes => _table.Bytes;

    /// <summary>Whether a current copy of the place's page is kept (what the next read would answer from).</summary>
    public bool Holds(string placeId) =>
        _table.TryGet(placeId, out var kept) && Volatile.Read(ref kept.Page) is { } page && _time.GetTimestamp() < page.FreshUntil;

    /// <summary>The place's page, from a current copy if there is one; null when the place does not exist.</summary>
    public async Task<PlaceResponse?> GetAsync(string placeId) => (await GetPageAsync(placeId))?.Response;

    /// <summary>The place's page with its JSON, from a current copy if there is one; null when the place does not exist.</summary>
    public async Task<PlacePage?> GetPageAsync(string placeId)
    {
        if (!_lifetime.KeepsCopies)
        {
            _metrics.AnsweredByFetch();
            return await _grains.GetGrain<IPlaceGrain>(placeId).GetAsync() is { } view ? Render(PlaceResponse.From(view)) : null;
        }

        var kept = _table.Find(placeId);
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
        _table.TryGet(placeId, out var kept) ? Volatile.Read(ref kept.Fetch) : null;

    /// <summary>
    /// Starts the place's fetch unless one is in flight already, and returns the one in flight either way. Nobody need
    /// wait for it: a refresh runs on while its reader answers from the copy, and its failure is observed here.
    /// </summary>
    private (Task<PlacePage?> Fetch, bool Started) FetchOnce(string placeId, KeptPlacePage kept, long startedAt)
    {
        var fetch = new TaskCompletionSource<PlacePage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref kept.Fetch, fetch.Task, null) is { } inFlight)
        {
            return (inFlight, false);
        }

        _ = CompleteAsync(fetch, placeId, kept, startedAt);
        return (fetch.Task, true);
    }

    private async Task CompleteAsync(TaskCompletionSource<PlacePage?> fetch, string placeId, KeptPlacePage kept, long startedAt)
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
    private async Task<PlacePage?> FetchAsync(string placeId, KeptPlacePage kept, long startedAt)
    {
        var fetched = await _grains.GetGrain<IPlaceGrain>(placeId).GetAndFollowAsync(_reference.Value);
        if (fetched is null)
        {
            // Unknown places are not kept: a scan of made-up ids must not fill the table.
            _table.Remove(placeId, kept);
            return null;
        }

        var page = Render(PlaceResponse.From(fetched));
        // Fresh from when it was asked for: a notice for a change after that drops it.
        var freshUntil = _lifetime.FreshUntil(startedAt);
        _table.Fill(kept, new KeptPlacePage.Copy(page, freshUntil, _lifetime.RefreshFrom(freshUntil), PlacePageSize.Of(page)));
        return page;
    }

    private PlacePage Render(PlaceResponse response) => new(response, PlaceJsonWriter.Render(response, _encoder));

    /// <summary>Drops the place's copy: called by changes made through this gateway before they answer.</summary>
    public void Forget(string placeId) => _table.Remove(placeId);

    /// <summary>Drops every copy: a silo left the cluster or the connection to one was lost, and its places' notices with it.</summary>
    public void ForgetAll() => _table.Clear();

    Task IPlacePageObserver.PlaceChanged(string placeId)
    {
        Forget(placeId);
        return Task.CompletedTask;
    }
}
