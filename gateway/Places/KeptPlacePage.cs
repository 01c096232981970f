namespace AtlasGrains.Gateway.Places;

/// <summary>A place's entry in <see cref="PlacePageCache"/>: the copy, once a fetch filled it, and the fetch in flight, if one is.</summary>
internal sealed class KeptPlacePage
{
    /// <summary>Read with <see cref="Volatile.Read{T}(ref T)"/>, written with <see cref="Interlocked.Exchange{T}(ref T, T)"/>.</summary>
    public Copy? Page;

    /// <summary>Set by the read that fetches (<see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>), cleared when it has the answer.</summary>
    public Task<PlacePage?>? Fetch;

    /// <param name="Page">The page and its JSON.</param>
    /// <param name="FreshUntil">Until when it is answered from (<see cref="PlacePageLifetime.FreshUntil"/>).</param>
    /// <param name="RefreshFrom">From when a read fetches it again in the background (<see cref="PlacePageLifetime.RefreshFrom"/>).</param>
    /// <param name="Bytes">About the memory it holds (<see cref="PlacePageSize"/>).</param>
    public sealed record Copy(PlacePage Page, long FreshUntil, long RefreshFrom, int Bytes);
}
