using Microsoft.Extensions.Configuration;

namespace AtlasGrains.Bench;

/// <summary>The benchmark's knobs, from the command line (--Places 100000 ...) or the environment (Bench__Places).</summary>
internal sealed record BenchSettings(int Places, int Readers, int Marks, int Requests, int Clients, string ResultsDirectory)
{
    public static BenchSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Bench:Places", 100_000),
        configuration.GetValue("Bench:Readers", 5_000),
        configuration.GetValue("Bench:Marks", 50_000),
        configuration.GetValue("Bench:Requests", 3_000),
        configuration.GetValue("Bench:Clients", 4),
        configuration["Bench:ResultsDirectory"] ?? Path.Combine("bench", "results"));
}
