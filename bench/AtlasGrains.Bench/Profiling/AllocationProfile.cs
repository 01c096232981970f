using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AtlasGrains.Bench.Profiling;

/// <summary>
/// What a running .NET process allocates, sampled by its runtime: the GC's allocation ticks (one event about every
/// 100 KB allocated, naming the type that crossed the mark, with its stack) over EventPipe for a while, then summed
/// by type and by the innermost frame of our own code on the stack. Where the collector's work comes from, which a CPU
/// profile shows only as time in the collector (bench/profile-allocations.sh).
/// </summary>
internal static class AllocationProfile
{
    /// <summary>Frames of our own code: the first one on an allocation's stack is where it is charged.</summary>
    private const string OurCode = "AtlasGrains.";

    public sealed record Share(string Name, long Bytes);

    public sealed record Summary(long Bytes, int GarbageCollections, IReadOnlyList<Share> ByType, IReadOnlyList<Share> ByOurFrame);

    /// <summary>Records the process's allocation ticks into a trace file for the given time.</summary>
    public static async Task RecordAsync(int pid, TimeSpan duration, string traceFile)
    {
        var providers = new[]
        {
            // Verbose GC events carry the allocation ticks; the rundown at the end names the methods on their stacks.
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC),
        };
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: true);
        await using var file = File.Create(traceFile);
        var copying = session.EventStream.CopyToAsync(file);
        await Task.Delay(duration);
        await session.StopAsync(CancellationToken.None);
        await copying;
    }

    /// <summary>The bytes the ticks stand for, by type and by our innermost frame, largest first.</summary>
    public static Summary Summarize(string traceFile, int top)
    {
        using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(traceFile));
        var byType = new Dictionary<string, long>();
        var byFrame = new Dictionary<string, long>();
        long total = 0;
        var collections = 0;
        foreach (var traceEvent in log.Events)
        {
            if (traceEvent is GCStartTraceData)
            {
                collections++;
                continue;
            }

            if (traceEvent is not GCAllocationTickTraceData tick)
            {
                continue;
            }

            total += tick.AllocationAmount64;
            Add(byType, tick.TypeName, tick.AllocationAmount64);
            Add(byFrame, OurInnermostFrame(tick.CallStack()) ?? "(no frame of ours: the runtime's, Orleans' own work)", tick.AllocationAmount64);
        }

        return new Summary(total, collections, Largest(byType, top), Largest(byFrame, top));
    }

    private static string? OurInnermostFrame(TraceCallStack? stack)
    {
        for (; stack is not null; stack = stack.Caller)
        {
            if (stack.CodeAddress.FullMethodName is { } method && method.StartsWith(OurCode, StringComparison.Ordinal))
            {
                return method;
            }
        }

        return null;
    }

    private static void Add(Dictionary<string, long> sums, string key, long bytes) =>
        sums[key] = sums.GetValueOrDefault(key) + bytes;

    private static List<Share> Largest(Dictionary<string, long> sums, int top) =>
        [.. sums.OrderByDescending(sum => sum.Value).Take(top).Select(sum => new Share(sum.Key, sum.Value))];
}
