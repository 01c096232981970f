using System.Globalization;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Marks where a scenario's load starts and ends in the benchmark's output, so bench/profile-marks.sh can tell which
/// process used the CPU during it ("Window S3 max starts 2026-11-27T23:59:41.0000000Z").
/// </summary>
internal static class LoadWindow
{
    public static Task StartAsync(TextWriter report, string name) => WriteAsync(report, name, "starts");

    public static Task EndAsync(TextWriter report, string name) => WriteAsync(report, name, "ends");

    private static Task WriteAsync(TextWriter report, string name, string edge) =>
        report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Window {name} {edge} {DateTime.UtcNow:O}"));
}
