using System.Globalization;

namespace AtlasGrains.Bench.Profiling;

/// <summary>
/// Records a few processes' allocations side by side for the same window (<see cref="AllocationProfile"/>) and writes
/// what each allocated, by type and by our code's frame, as markdown.
/// </summary>
internal sealed class AllocationReport(IReadOnlyDictionary<string, int> processes, TimeSpan window, string traceDirectory, TextWriter output)
{
    private const int Top = 30;

    public async Task RunAsync(string reportFile, string title)
    {
        Directory.CreateDirectory(traceDirectory);
        var traces = processes.ToDictionary(process => process.Key, process => Path.Combine(traceDirectory, $"{process.Key}.nettrace"));
        await Task.WhenAll(processes.Select(process => AllocationProfile.RecordAsync(process.Value, window, traces[process.Key])));

        using var report = new StringWriter(CultureInfo.InvariantCulture);
        report.WriteLine($"# {title}");
        report.WriteLine();
        report.WriteLine($"Each process's allocation ticks over the same {window.TotalSeconds:0} s (the runtime's GC events at verbose level: one");
        report.WriteLine("tick about every 100 KB, so a share is the bytes its ticks stand for). A frame of ours is the innermost");
        report.WriteLine("`AtlasGrains.` method on the allocation's stack: Orleans' and the runtime's allocations under our calls are charged to it.");
        foreach (var (name, trace) in traces)
        {
            var summary = AllocationProfile.Summarize(trace, Top);
            report.WriteLine();
            report.WriteLine($"## {name}: {summary.Bytes / 1e6:0} MB in {window.TotalSeconds:0} s, {summary.GarbageCollections} collections");
            Table(report, "type", summary.ByType, summary.Bytes);
            Table(report, "innermost frame of ours", summary.ByOurFrame, summary.Bytes);
        }

        await File.WriteAllTextAsync(reportFile, report.ToString());
        output.Write(report.ToString());
    }

    private static void Table(StringWriter report, string what, IReadOnlyList<AllocationProfile.Share> shares, long total)
    {
        report.WriteLine();
        report.WriteLine($"| {what} | share | MB |");
        report.WriteLine("|---|---:|---:|");
        foreach (var share in shares)
        {
            report.WriteLine($"| `{share.Name.Replace("|", "\\|", StringComparison.Ordinal)}` | {100.0 * share.Bytes / total:0.0}% | {share.Bytes / 1e6:0.0} |");
        }
    }
}
