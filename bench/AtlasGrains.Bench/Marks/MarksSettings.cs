using Microsoft.Extensions.Configuration;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// The marks benchmark's knobs (--Bench:HotUsers 10000 ... or Bench__HotUsers). The S2 is 100k users over
/// 10k places; the S2 defaults are far smaller because on this 2-core machine marks run at tens to a couple of
/// hundred a second today, so 100k of them would take hours; bench/marks.sh passes the sizes when asked.
/// </summary>
internal sealed record MarksSettings(
    int Places, int HotUsers, int Users, int UniformMarks, int Workers, int Reads, TimeSpan ReadDuration,
    int Lists, int ListItems, int Signups, int SmtpPort,
    TimeSpan BaselineDuration, TimeSpan DrainTimeout, int? SiloPid, string ResultsDirectory, TimeSpan WarmUpDuration)
{
    public static MarksSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Bench:Places", 10_000),
        configuration.GetValue("Bench:HotUsers", 10_000),
        configuration.GetValue("Bench:Users", 10_000),
        configuration.GetValue("Bench:UniformMarks", 5_000),
        configuration.GetValue("Bench:Workers", 64),
        configuration.GetValue("Bench:Reads", 50_000),
        TimeSpan.FromSeconds(configuration.GetValue("Bench:ReadSeconds", 10)),
        configuration.GetValue("Bench:Lists", 16),
        configuration.GetValue("Bench:ListItems", 1_000),
        configuration.GetValue("Bench:Signups", 20_000),
        configuration.GetValue("Bench:SmtpPort", 2613),
        TimeSpan.FromSeconds(configuration.GetValue("Bench:BaselineSeconds", 3)),
        TimeSpan.FromSeconds(configuration.GetValue("Bench:DrainSeconds", 60)),
        configuration.GetValue<int?>("Bench:SiloPid"),
        configuration["Bench:ResultsDirectory"] ?? Path.Combine("bench", "results"),
        TimeSpan.FromSeconds(configuration.GetValue("Bench:WarmUpSeconds", 10)))
    {
        PostgresResults = configuration["Bench:PostgresResults"],
        MemoryPlaces = configuration.GetValue("Bench:MemoryPlaces", 0),
        MemoryUsers = configuration.GetValue("Bench:MemoryUsers", 0),
        GatewayPid = configuration.GetValue<int?>("Bench:GatewayPid"),
        AzuritePid = configuration.GetValue<int?>("Bench:AzuritePid"),
        ReadRounds = Math.Max(1, configuration.GetValue("Bench:ReadRounds", 3)),
        HotRounds = Math.Max(1, configuration.GetValue("Bench:HotRounds", 3)),
        MarkWorkers = configuration.GetValue("Bench:MarkWorkers", configuration.GetValue("Bench:Workers", 64)),
    };

    /// <summary>
    /// Requests in flight in S1's and S2's closed loops (and the marks' warm-up): group commit needs marks waiting to
    /// batch them, so marks are measured at more than the other loops (bench/findings/s1-s2-limits.md, "S1 and S2 at
    /// 256, 512 and 1,024 in flight", says how much each gave).
    /// </summary>
    public int MarkWorkers { get; init; }

    /// <summary>
    /// How many times S1 runs, each round on a place of its own (places 0.., which S2 leaves alone) with users of its
    /// own; the table gives the median round. One round's rate moved by a third from run to run here.
    /// </summary>
    public int HotRounds { get; init; }

    /// <summary>How many alternated rounds K and S3 are compared in, at their maximum and at half S3's (see ReadRounds).</summary>
    public int ReadRounds { get; init; }

    /// <summary>The gateway's process, whose GC pauses the reads' tail is lined up with; none skips it.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>Azurite's process, whose CPU S4 reports per add beside the others'; none leaves it out.</summary>
    public int? AzuritePid { get; init; }

    /// <summary>This driver and every server process known, by name, to read their CPU from /proc.</summary>
    public Dictionary<string, int> Processes()
    {
        var processes = new Dictionary<string, int> { ["driver"] = Environment.ProcessId };
        foreach (var (name, pid) in new[] { ("gateway", GatewayPid), ("silo", SiloPid), ("azurite", AzuritePid) })
        {
            if (pid is { } known)
            {
                processes[name] = known;
            }
        }

        return processes;
    }

    /// <summary>bench/postgres.sh's key=value figures for P-hot and P-uniform; none when PostgreSQL was not measured.</summary>
    public string? PostgresResults { get; init; }

    /// <summary>Places and users to hold active for the memory row at the end; both 0 (the default) skips it.</summary>
    public int MemoryPlaces { get; init; }

    public int MemoryUsers { get; init; }

    /// <summary>Users that only the marks' warm-up uses, after every scenario's: enough for its time at any rate seen here.</summary>
    public int WarmUpUsers => WarmUpDuration > TimeSpan.Zero ? 20_000 : 0;
}
