using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Chaos;

/// <summary>What a failed chaos run shows about a change left undelivered: the row, its owner's reminders, and what the silos logged about it.</summary>
internal static class ChaosDiagnostics
{
    public static async Task DescribeUndeliveredAsync(ChaosSystem system, StoredTruth truth, ITestOutputHelper output)
    {
        var rows = await truth.OutboxRowsDescribedAsync();
        var reminders = new TableServiceClient(system.ConnectionString).GetTableClient(system.TablePrefix + "reminders");
        var reminderRows = new List<TableEntity>();
        await foreach (var reminder in reminders.QueryAsync<TableEntity>())
        {
            reminderRows.Add(reminder);
        }

        output.WriteLine($"Now {DateTimeOffset.UtcNow:O}; {reminderRows.Count} reminders in the table.");
        foreach (var row in rows)
        {
            output.WriteLine("Undelivered: " + row);
            var owner = row.Split(' ')[1];
            foreach (var reminder in reminderRows.Where(reminder => ((IDictionary<string, object>)reminder).Values.OfType<string>().Any(value => value.Contains(owner, StringComparison.Ordinal))))
            {
                output.WriteLine("  reminder: " + string.Join(", ", reminder.Select(property => $"{property.Key}={property.Value}")));
            }

            foreach (var line in system.SiloLogs.Split('\n').Where(line => line.Contains(owner, StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine("  log: " + line);
            }
        }
    }
}
