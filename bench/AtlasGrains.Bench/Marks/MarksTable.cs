using System.Globalization;
using System.Text;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// The marks benchmark's one table: a row per baseline or scenario, each scenario with its ratio to the baseline
/// measured in the same run, the issue's target for that ratio, and PASS or MISS. Printed, and written to
/// bench/results/marks.md and marks.csv.
/// </summary>
internal sealed class MarksTable(string title)
{
    private sealed record Row(
        string Name, double Value, string Unit, double P50, double P99, string Ratio, string Target, string Verdict, string Note);

    private readonly List<Row> _rows = [];
    private readonly List<string> _findings = [];

    public void Baseline(string name, double value, string unit, string note, LoadResult? load = null) =>
        _rows.Add(new Row(name, value, unit, load?.PercentileMs(50) ?? double.NaN, load?.PercentileMs(99) ?? double.NaN, "", "", "", note));

    /// <summary>A scenario whose target is "ratio at least <paramref name="target"/>" (at most, when <paramref name="atMost"/>).</summary>
    public void Scenario(
        string name, double value, string unit, LoadResult? load, double ratio, string ratioName, double target, bool atMost, string note)
    {
        var met = atMost ? ratio <= target : ratio >= target;
        _rows.Add(new Row(name, value, unit, load?.PercentileMs(50) ?? double.NaN, load?.PercentileMs(99) ?? double.NaN,
            F($"{ratioName} = {ratio:F2}"), F($"{(atMost ? "<=" : ">=")} {target:0.0#}"), met ? "PASS" : "MISS", note));
    }

    /// <summary>A scenario measured for information: its ratio is shown, but the issue sets it no target.</summary>
    public void Measured(string name, double value, string unit, LoadResult load, double ratio, string ratioName, string note) =>
        _rows.Add(new Row(name, value, unit, load.PercentileMs(50), load.PercentileMs(99), F($"{ratioName} = {ratio:F2}"), "none", "", note));

    public void Finding(string text) => _findings.Add(text);

    public async Task WriteAsync(TextWriter report, string resultsDirectory)
    {
        var markdown = new StringBuilder().AppendLine(title).AppendLine()
            .AppendLine("| row | rate | unit | p50 ms | p99 ms | ratio | target | result | notes |")
            .AppendLine("|---|---:|---|---:|---:|---|---|---|---|");
        var csv = new StringBuilder("row,rate,unit,p50_ms,p99_ms,ratio,target,result,notes\n");
        foreach (var row in _rows)
        {
            markdown.AppendLine(F($"| {row.Name} | {row.Value:F0} | {row.Unit} | {Ms(row.P50)} | {Ms(row.P99)} | {row.Ratio} | {row.Target} | {row.Verdict} | {row.Note} |"));
            csv.AppendLine(F($"{Quote(row.Name)},{row.Value:F1},{Quote(row.Unit)},{Ms(row.P50)},{Ms(row.P99)},{Quote(row.Ratio)},{Quote(row.Target)},{row.Verdict},{Quote(row.Note)}"));
        }

        markdown.AppendLine();
        _findings.ForEach(finding => markdown.AppendLine(finding));
        await report.WriteLineAsync();
        await report.WriteAsync(markdown.ToString());
        Directory.CreateDirectory(resultsDirectory);
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "marks.md"), markdown.ToString());
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "marks.csv"), csv.ToString());
    }

    private static string Ms(double value) => double.IsNaN(value) ? "" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"")}\"";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
