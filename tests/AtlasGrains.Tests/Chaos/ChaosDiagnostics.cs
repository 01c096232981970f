using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// What a failed chaos run shows about a change left undelivered: the row, its owner's wake-ups (a user's wake-up row,
/// a list's reminder), and what the silos logged about it.
/// </summary>
internal static class ChaosDiagnostics
{
    public static async Task DescribeUndeliveredAsync(ChaosSystem system, StoredTruth truth, ITestOutputHelper output)
    {
        var rows = await truth.OutboxRowsDescribedAsync();
        var tables = new TableServiceClient(system.ConnectionString);
        var wakeUps = new List<TableEntity>();
        var userBuckets = AtlasTables.BucketTables(AtlasTables.UserMarksTable, UserRows.Buckets).ToList();
        foreach (var table in userBuckets.Prepend("pendingowners").Prepend("reminders"))
        {
            await foreach (var wakeUp in tables.GetTableClient(system.TablePrefix + table).QueryAsync<TableEntity>())
            {
                if (!userBuckets.Contains(table) || wakeUp.RowKey.StartsWith(UserRows.WakePrefix, StringComparison.Ordinal))
                {
                    wakeUps.Add(wakeUp);
                }
            }
        }

        output.WriteLine($"Now {DateTimeOffset.UtcNow:O}; {wakeUps.Count} reminders and journal rows in the tables.");
        foreach (var row in rows)
        {
            output.WriteLine("Undelivered: " + row);
            // "table partition row ...": a list's rows are its partition; a user bucket's are transactions' wake-up rows,
            // "Owners=" naming their users (the first is followed here).
            var fields = row.Split(' ');
            var owner = fields[0].Contains(AtlasTables.UserMarksTable, StringComparison.Ordinal)
                ? fields.First(field => field.StartsWith("Owners=", StringComparison.Ordinal))["Owners=".Length..]
                : fields[1];
            foreach (var wakeUp in wakeUps.Where(wakeUp => ((IDictionary<string, object>)wakeUp).Values.OfType<string>().Any(value => value.Contains(owner, StringComparison.Ordinal))))
            {
                output.WriteLine("  wake-up: " + string.Join(", ", wakeUp.Select(property => $"{property.Key}={property.Value}")));
            }

            foreach (var line in system.SiloLogs.Split('\n').Where(line => line.Contains(owner, StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine("  log: " + line);
            }
        }
    }
}
