using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// The wake-up row a group commit adds to a transaction that carries owners' changes still to be delivered
/// (<see cref="PartitionGroupCommit.SubmitWithWakeUpAsync"/>): "~batch|{id}", naming those owners. One row per
/// transaction instead of one per change: it is stored with the changes or not at all, so after any crash the sweeper
/// finds it and wakes every owner it names. While all goes well each owner releases its <see cref="WakeUpClaim"/> once
/// its places have the change (or a later transaction's row covers it), and the last release deletes the row.
/// A places' journal row (<see cref="Relations.PlaceJournalRow"/>) lives the same way: each place whose changes it holds
/// claims it, and releases it once its counts row holds them.
/// </summary>
internal sealed class BatchWakeUp
{
    public const string RowPrefix = "~batch|";

    private const string OwnersProperty = "Owners";

    private readonly PartitionGroupCommit _commits;
    private readonly string _partitionKey;
    private readonly string _rowKey;
    private ETag _etag;
    private int _unreleased;

    private BatchWakeUp(PartitionGroupCommit commits, string partitionKey, string rowKey, int claims) =>
        (_commits, _partitionKey, _rowKey, _unreleased) = (commits, partitionKey, rowKey, claims);

    /// <summary>
    /// The row naming these owners, to add to their transaction, and to be claimed <paramref name="claims"/> times
    /// once it landed (once per unit that asked for it: an owner may have two in one transaction).
    /// </summary>
    public static (TableTransactionAction Action, BatchWakeUp Row) Create(
        PartitionGroupCommit commits, string partitionKey, IEnumerable<string> owners, int claims)
        => Create(commits, new TableEntity(partitionKey, RowPrefix + Guid.NewGuid().ToString("N")) { [OwnersProperty] = string.Join(' ', owners) }, claims);

    /// <summary>A row of any kind that lives by claims (a new key, so its insert never conflicts), to add to a transaction.</summary>
    public static (TableTransactionAction Action, BatchWakeUp Row) Create(PartitionGroupCommit commits, TableEntity row, int claims) =>
        (new TableTransactionAction(TableTransactionActionType.Add, row), new BatchWakeUp(commits, row.PartitionKey, row.RowKey, claims));

    /// <summary>Whether a row is a transaction's wake-up row.</summary>
    public static bool IsRow(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>The owners a stored wake-up row names.</summary>
    public static string[] OwnersOf(TableEntity row) =>
        (row.GetString(OwnersProperty) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The properties the sweeper reads of a wake-up row.</summary>
    public static readonly string[] SweptProperties = ["RowKey", OwnersProperty];

    /// <summary>The row landed, with this ETag (which its deletion is guarded by).</summary>
    public void Stored(ETag etag) => _etag = etag;

    /// <summary>The claim of one owner the row names: each gets one.</summary>
    public WakeUpClaim Claim() => new(this);

    /// <summary>One owner needs the row no more; the last one deletes it, best effort (else the sweeper does).</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _unreleased) == 0)
        {
            _ = DeleteAsync();
        }
    }

    private async Task DeleteAsync()
    {
        try
        {
            await _commits.SubmitAsync([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(_partitionKey, _rowKey), _etag)]);
        }
        catch (Exception)
        {
            // Gone already (the sweeper removed it) or not removed now: the sweeper wakes its owners, finds nothing to
            // deliver, and removes it.
        }
    }
}
