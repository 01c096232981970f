using System.Globalization;

namespace AtlasGrains.Bench.Measuring;

/// <summary>Another process's resident memory, read from Linux's /proc (the silo runs beside the driver).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of the process in MiB, or null when there is no such process (or no /proc).</summary>
    public static long? ResidentMiB(int? pid)
    {
        var status = pid is { } id && File.Exists($"/proc/{id}/status") ? File.ReadLines($"/proc/{id}/status") : [];
        var rss = status.FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return rss is null ? null : long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
