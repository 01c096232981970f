using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Our own Azure tables, for data that would outgrow a grain state entity (relations of places,
/// marks of users). Each table is created once per process, on first use.
/// <para>
/// The users' and the places' bucket partitions each have a table of their own ("usermarks00".."usermarks15",
/// "placerelations00".."placerelations15"; see <see cref="BucketTable"/>): nothing a transaction or a query needs ever
/// spans two buckets, and Azurite's cost of a replace, a delete or a query grows with the size of the whole table
/// (bench/results/azurite-growth.md), so one table for all buckets made every mark slower as the data grew. On Azure
/// a table costs nothing and an entity's cost doesn't depend on its table.
/// </para>
/// </summary>
public sealed class AtlasTables(IOptions<AtlasStorageOptions> options)
{
    public const string PlaceRelationsTable = "placerelations";
    public const string UserMarksTable = "usermarks";
    public const string ListItemsTable = "listitems";
    public const string NewsletterRelationsTable = "newsletterrelations";
    public const string PlacesTable = "places";
    public const string PendingOwnersTable = "pendingowners";

    /// <summary>Not ours: the stock Orleans grain storage writes it (the silo names it); the audit reads subscribers there.</summary>
    public const string GrainStateTable = "grainstate";

    private readonly TableServiceClient _service = TableServiceClients.Create(options.Value.ConnectionString);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    /// <summary>The table of one bucket of places' relations (<see cref="Relations.PlaceRelationBuckets"/>).</summary>
    public Task<TableClient> PlaceRelationsAsync(int bucket) => GetAsync(BucketTable(PlaceRelationsTable, bucket));

    /// <summary>The table of one bucket of users' rows (<see cref="Users.UserRows"/>).</summary>
    public Task<TableClient> UserMarksAsync(int bucket) => GetAsync(BucketTable(UserMarksTable, bucket));

    /// <summary>A bucket's table: table names allow only letters and digits, so the bucket's number is appended.</summary>
    public static string BucketTable(string baseName, int bucket) => $"{baseName}{bucket:D2}";

    /// <summary>Every bucket table of one kind, for those who read them all (the audit).</summary>
    public static IEnumerable<string> BucketTables(string baseName, int buckets) =>
        Enumerable.Range(0, buckets).Select(bucket => BucketTable(baseName, bucket));

    public Task<TableClient> ListItemsAsync() => GetAsync(ListItemsTable);

    public Task<TableClient> NewsletterRelationsAsync() => GetAsync(NewsletterRelationsTable);

    /// <summary>The place catalog: each place's facts and its counts for the rankings (see PlaceRows).</summary>
    public Task<TableClient> PlacesAsync() => GetAsync(PlacesTable);

    /// <summary>The journal of subscribers that may hold undelivered changes (see PendingOwners).</summary>
    public Task<TableClient> PendingOwnersAsync() => GetAsync(PendingOwnersTable);

    public string TableName(string baseName) => options.Value.TablePrefix + baseName;

    private async Task<TableClient> GetAsync(string baseName)
    {
        var lazy = _tables.GetOrAdd(baseName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // Forget a failed creation so that the next caller tries again (storage may be back by then).
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(baseName, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string baseName)
    {
        var client = TableServiceClients.TableOf(_service, TableName(baseName));
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
