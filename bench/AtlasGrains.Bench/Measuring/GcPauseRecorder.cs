using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Records when each of a few .NET processes (the load generator and the servers it measures) stopped the world for
/// a garbage collection, which generations each collection took and what it promoted, from their runtimes' own events
/// over EventPipe: a pause runs from the runtime starting to suspend its threads to it resuming them. Only the GC
/// keyword at the informational level is asked for, a handful of events per collection, so recording costs the
/// processes next to nothing.
/// </summary>
internal sealed class GcPauseRecorder : IAsyncDisposable
{
    /// <param name="Suspending">Of the pause, how long the runtime took to bring every thread to a stop: long when
    /// the threads it waits for are not getting a core.</param>
    /// <param name="Generation">The oldest generation the pause's collection took in (2 for a blocking full one; a
    /// background one pauses only briefly, and its pauses carry 2 too).</param>
    public sealed record Pause(string Process, DateTime StartUtc, TimeSpan Duration, TimeSpan Suspending, int Generation)
    {
        public DateTime EndUtc => StartUtc + Duration;
    }

    /// <param name="Generation">The oldest generation collected.</param>
    /// <param name="Background">A background gen2 collection, which marks while the process runs on.</param>
    public sealed record Collection(string Process, int Generation, bool Background);

    /// <param name="Promoted">The bytes the collection kept of gen0 and gen1: what it promoted, young objects that lived on.</param>
    /// <param name="Handles">The process's GC handles after it (each is scanned by the collections of its generation).</param>
    public sealed record Outcome(string Process, long Promoted, long Handles);

    private readonly List<(string Name, EventPipeSession Session, Task Reading)> _sessions = [];
    private readonly List<Pause> _pauses = [];
    private readonly List<Collection> _collections = [];
    private readonly List<Outcome> _outcomes = [];
    private readonly List<string> _exited = [];
    private readonly Lock _gate = new();

    private GcPauseRecorder()
    {
    }

    /// <summary>Starts recording the named processes; a process that has gone (or never had a pid) is skipped.</summary>
    public static GcPauseRecorder Start(IReadOnlyDictionary<string, int> processes)
    {
        var recorder = new GcPauseRecorder();
        foreach (var (name, pid) in processes)
        {
            recorder.Follow(name, pid);
        }

        return recorder;
    }

    /// <summary>The processes being recorded, by name.</summary>
    public IEnumerable<string> Recording => _sessions.Select(session => session.Name);

    /// <summary>Processes that exited while recorded: their pauses up to then are kept.</summary>
    public IReadOnlyList<string> Exited => _exited;

    /// <summary>What every collection that ended while recorded kept, in order; complete once <see cref="StopAsync"/> answered.</summary>
    public IReadOnlyList<Outcome> Outcomes
    {
        get
        {
            lock (_gate)
            {
                return [.. _outcomes];
            }
        }
    }

    /// <summary>Every collection that started while recorded, in order; complete once <see cref="StopAsync"/> answered.</summary>
    public IReadOnlyList<Collection> Collections
    {
        get
        {
            lock (_gate)
            {
                return [.. _collections];
            }
        }
    }

    /// <summary>Stops recording and answers every pause seen, in order of start.</summary>
    public async Task<IReadOnlyList<Pause>> StopAsync()
    {
        foreach (var (name, session, reading) in _sessions)
        {
            try
            {
                await session.StopAsync(CancellationToken.None);
            }
            catch (ServerNotAvailableException)
            {
                _exited.Add(name);
            }

            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (_gate)
        {
            return [.. _pauses.OrderBy(pause => pause.StartUtc)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, session, reading) in _sessions)
        {
            session.Dispose();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Follow(string name, int pid)
    {
        EventPipeSession session;
        try
        {
            var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
            session = new DiagnosticsClient(pid).StartEventPipeSession(provider, requestRundown: false);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or ArgumentException)
        {
            return;
        }

        // Reading blocks until the session stops: a thread of its own, not one the load's requests need.
        _sessions.Add((name, session, Task.Factory.StartNew(() => Read(name, session), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    private void Read(string name, EventPipeSession session)
    {
        using var source = new EventPipeEventSource(session.EventStream);
        DateTime? suspending = null;
        DateTime? suspended = null;
        var generation = 0;
        source.Clr.GCSuspendEEStart += data => (suspending, suspended, generation) = (data.TimeStamp.ToUniversalTime(), null, 0);
        source.Clr.GCStart += data =>
        {
            generation = Math.Max(generation, data.Depth);
            lock (_gate)
            {
                _collections.Add(new Collection(name, data.Depth, data.Type == GCType.BackgroundGC));
            }
        };
        source.Clr.GCHeapStats += data =>
        {
            lock (_gate)
            {
                _outcomes.Add(new Outcome(name, data.TotalPromotedSize0 + data.TotalPromotedSize1, data.GCHandleCount));
            }
        };
        source.Clr.GCSuspendEEStop += data => suspended = data.TimeStamp.ToUniversalTime();
        source.Clr.GCRestartEEStop += data =>
        {
            if (suspending is { } start)
            {
                var end = data.TimeStamp.ToUniversalTime();
                lock (_gate)
                {
                    _pauses.Add(new Pause(name, start, end - start, (suspended ?? end) - start, generation));
                }
            }

            suspending = null;
        };
        source.Process();
    }
}
