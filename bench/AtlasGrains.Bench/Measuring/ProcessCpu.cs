using System.Globalization;

namespace AtlasGrains.Bench.Measuring;

/// <summary>Another process's CPU time so far, read from Linux's /proc (Azurite runs beside the driver).</summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc/[pid]/stat's times: USER_HZ, 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of all the process's threads.</summary>
    public static TimeSpan Used(int pid)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 (utime) and 15 (stime) of the whole line are the 12th and 13th after the name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The named processes' CPU time so far, to measure a load against.</summary>
    public static IReadOnlyDictionary<string, (int Pid, TimeSpan Used)> Snapshot(IReadOnlyDictionary<string, int> processes) =>
        processes.ToDictionary(process => process.Key, process => (process.Value, Used(process.Value)));

    /// <summary>
    /// Each process's CPU since the snapshot, in cores ("driver 0.55, gateway 0.60"): how near this machine's two
    /// cores a load ran, which a rate alone doesn't say.
    /// </summary>
    public static string CoresBusySince(IReadOnlyDictionary<string, (int Pid, TimeSpan Used)> snapshot, TimeSpan elapsed) =>
        string.Join(", ", UsedSince(snapshot).Select(process =>
            string.Create(CultureInfo.InvariantCulture, $"{process.Key} {process.Value / elapsed:F2}")));

    /// <summary>Each process's CPU time since the snapshot, by name.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> UsedSince(IReadOnlyDictionary<string, (int Pid, TimeSpan Used)> snapshot) =>
        snapshot.ToDictionary(process => process.Key, process => Used(process.Value.Pid) - process.Value.Used);
}
