using AtlasGrains.Grains.Newsletters;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace AtlasGrains.Grains.Audit;

/// <summary>
/// The subscriber grains' states as the stock Azure Table grain storage keeps them (row key "subscriber|{key}", see
/// <see cref="RowPerGrainStorage"/>; partition key "{ServiceId}_subscriber_{key}"), decoded by Orleans' own default
/// grain storage serializer, so the audit reads the truth without activating a grain. Relies on that default: a silo
/// configured with another serializer would need the same one here (the newsletter audit test would fail first).
/// </summary>
internal static class StoredSubscribers
{
    private const string BinaryDataProperty = "Data";
    private const string StringDataProperty = "StringData";

    private static readonly JsonGrainStorageSerializer Serializer =
        new(new OrleansJsonSerializer(Options.Create(new OrleansJsonSerializerOptions())));

    /// <summary>(subscriber key, state) of every subscriber with a stored state.</summary>
    public static async IAsyncEnumerable<(string Key, SubscriberState State)> ReadAsync(
        AuditTables tables, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = $"{SubscriberGrain.StateName}|";
        var end = RowPerGrainStorage.RowStateNameEnd(SubscriberGrain.StateName);
        var filter = TableClient.CreateQueryFilter($"RowKey gt {first} and RowKey lt {end}");
        await foreach (var row in tables.RowsAsync(AtlasTables.GrainStateTable, filter, cancellationToken))
        {
            if (Read(row) is { } state)
            {
                yield return (row.RowKey[first.Length..], state);
            }
        }
    }

    /// <summary>The state in a grain-state row; null for a cleared state (a row without data).</summary>
    public static SubscriberState? Read(TableEntity row)
    {
        // Orleans splits the JSON over "Data", "Data1"... (bytes, or base64 text), or "StringData"... in string format.
        var bytes = Chunks(row, BinaryDataProperty).SelectMany(chunk => chunk switch
        {
            byte[] binary => binary,
            string base64 => Convert.FromBase64String(base64),
            _ => [],
        }).ToArray();
        var data = bytes.Length > 0 ? new BinaryData(bytes) : new BinaryData(string.Concat(Chunks(row, StringDataProperty).OfType<string>()));
        return data.ToMemory().Length > 0 ? Serializer.Deserialize<SubscriberState>(data) : null;
    }

    private static IEnumerable<object> Chunks(TableEntity row, string property)
    {
        for (var i = 0; row.TryGetValue(i == 0 ? property : $"{property}{i}", out var chunk); i++)
        {
            yield return chunk;
        }
    }
}
