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
    /// All of the user's rows: its range, and its outbox rows (which sort with the sweeper's, see <see cref="UserRows"/>).
    /// Most users who arrive have never stored anything; a point read of the meta row (which every writer stores
    /// first, see <see cref="UserMetaRow"/>) tells, so they cost no query, and it tells whether there can be outbox rows
    /// (most returning users have none), so they cost one. That matters beyond saving a round trip: a query costs far
    /// more than a point read, on Azurite (which scans the whole table for any query) more than anywhere.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var meta = await table.GetEntityIfExistsAsync<TableEntity>(
            PartitionKey, UserRows.Meta(userId), [UserMetaRow.OutboxEmptyProperty], cancellationToken);
        if (!meta.HasValue)
        {
            return [];
        }

        var range = ReadRangeAsync(UserRows.Start(userId), UserRows.End(userId), cancellationToken);
        if (meta.Value!.GetBoolean(UserMetaRow.OutboxEmptyProperty) == true)
        {
            return await range;
        }

        var outbox = ReadOutboxAsync(cancellationToken);
        return [.. await range, .. await outbox];
    }

    public Task<IReadOnlyList<TableEntity>> ReadOutboxAsync(CancellationToken cancellationToken = default) =>
        ReadRangeAsync(UserRows.OutboxPrefix(userId), UserRows.OutboxEnd(userId), cancellationToken);

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

    public TableEntity Row(string rowKey) => new(PartitionKey, rowKey);
}
