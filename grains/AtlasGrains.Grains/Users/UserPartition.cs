using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// Reads a user's whole partition of the user-marks table at once, for the ledger and the list index together.
/// Most users who arrive have never stored anything; a point read of the meta row (which every writer stores
/// first, see <see cref="UserMetaRow"/>) tells, so they cost no query. That matters
/// beyond saving a round trip: a partition query costs far more than a point read, on Azurite (which scans the
/// whole table for any query) more than anywhere.
/// </summary>
internal static class UserPartition
{
    public static async Task<IReadOnlyList<TableEntity>> ReadAsync(TableClient table, string userId, CancellationToken cancellationToken = default)
    {
        var meta = await table.GetEntityIfExistsAsync<TableEntity>(userId, UserMetaRow.RowKeyOf(userId), ["PartitionKey"], cancellationToken);
        if (!meta.HasValue)
        {
            return [];
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {userId}");
        return await table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }
}
