using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// One user's range of rows in its bucket (<see cref="UserRows"/>): how the user's ledgers
/// read them, and how they write, through the silo's group commit of that bucket so that many users' writes share
/// a transaction.
/// </summary>
internal sealed class UserPartition(TableClient table, PartitionGroupCommit commits, string userId)
{
    public string PartitionKey { get; } = UserRows.PartitionOf(userId);

    /// <summary>
    /// All of the user's rows: its range, whose meta row holds its outbox too. Most users who arrive have never stored
    /// anything; a point read of the meta row (which every writer stores first, see <see cref="UserMetaRow"/>) tells,
    /// so they cost no query. That matters beyond saving a round trip: a query costs far more than a point read, on
    /// Azurite (which scans the whole table for any query) more than anywhere.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        await MetaETagAsync(cancellationToken) is null
            ? []
            : await ReadRangeAsync(UserRows.Start(userId), UserRows.End(userId), cancellationToken);

    public async Task<IReadOnlyList<TableEntity>> ReadRangeAsync(string start, string end, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {start} and RowKey lt {end}");
        return await table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>The stored meta row's ETag; null when the user has stored nothing.</summary>
    public async Task<ETag?> MetaETagAsync(CancellationToken cancellationToken = default)
    {
        var meta = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, UserRows.Meta(userId), ["PartitionKey"], cancellationToken);
        return meta.HasValue ? meta.Value!.ETag : null;
    }

    /// <summary>Stores the actions atomically (shared with other users' writes); one response per action.</summary>
    public Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions) => commits.SubmitAsync(actions);

    /// <summary>As <see cref="SubmitAsync"/>, with the transaction's wake-up row naming this user (<see cref="BatchWakeUp"/>).</summary>
    public Task<PartitionGroupCommit.Committed> SubmitWithWakeUpAsync(IReadOnlyList<TableTransactionAction> actions) =>
        commits.SubmitWithWakeUpAsync(actions, userId);

    public TableEntity Row(string rowKey) => new(PartitionKey, rowKey);
}
