namespace AtlasGrains.Gateway.Places;

/// <summary>
/// How long a kept place page is answered from, and from when a read fetches it again (<see cref="PlacePageCache"/>),
/// in <see cref="TimeProvider"/> timestamps.
/// </summary>
/// <param name="ticks"><see cref="PlacePagesOptions.Lifetime"/> in timestamp ticks; zero keeps no copies.</param>
internal readonly struct PlacePageLifetime(long ticks)
{
    public bool KeepsCopies => ticks > 0;

    /// <summary>
    /// Until between three quarters of the lifetime and all of it after the fetch was asked for, at random. Copies
    /// fetched together (a gateway's first reads, all of them again after a silo was lost) would otherwise expire
    /// together, and the reads right after would all ask the silo at once; fetched together again, they would do so
    /// again every lifetime. In the bench that was a read loop's p99 of 36 to 77 ms against 7 to 9 ms in the loops
    /// without (bench/findings/reads.md).
    /// </summary>
    public long FreshUntil(long askedAt) => askedAt + ticks - (long)(Random.Shared.NextDouble() * (ticks / 4));

    /// <summary>
    /// A third of the lifetime before the copy expires: a read from then on fetches it again in the background, while
    /// it and the reads after it answer from the copy. So a place read at least that often is never waited for once its
    /// first copy is kept; without it every read just after a copy expired waited for the silo.
    /// </summary>
    public long RefreshFrom(long freshUntil) => freshUntil - ticks / 3;
}
