using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The durable wake-up of one journal shard and of the user buckets that fall to it (bucket b to shard b mod 8): a
/// reminder every retry period reads the shard's rows, and those buckets' wake-up rows (<see cref="UserRows"/>: users'
/// own, and transactions' naming their users), older than that period and asks each owner to reconcile (re-deliver
/// what its places haven't applied, then remove its wake-up row). A transaction's row goes once every user it names
/// is done. The place buckets that fall to it likewise (<see cref="SweepPlaceBucketAsync"/>). An owner still busy keeps its rows and is asked again next time. A sweep runs in the background of the tick, so a
/// long one never makes the reminder call time out, and a tick that finds one still running leaves it be.
/// </summary>
[GrainType("pending-owners-sweeper")]
public sealed partial class PendingOwnersSweeperGrain(
    AtlasTables tables, IOptions<MarkDeliveryOptions> options, ILogger<PendingOwnersSweeperGrain> logger)
    : Grain, IPendingOwnersSweeperGrain, IRemindable
{
    private const string ReminderName = "sweep-pending-owners";
    private const int OwnersAtOnce = 32;

    private Task _sweep = Task.CompletedTask;

    private TimeSpan Period => options.Value.RetryPeriod;

    public async Task StartAsync() => await this.RegisterOrUpdateReminder(ReminderName, Period, Period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName && _sweep.IsCompleted)
        {
            _sweep = SweepAsync();
        }

        return Task.CompletedTask;
    }

    private async Task SweepAsync()
    {
        try
        {
            var shard = (int)this.GetPrimaryKeyLong();
            var settled = DateTimeOffset.UtcNow - Period;
            var journal = await tables.PendingOwnersAsync();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PendingOwners.PartitionKey(shard)} and Timestamp lt {settled}");
            var subscribers = await journal.QueryAsync<TableEntity>(filter, select: ["RowKey"]).ToListAsync();
            await ReconcileAllAsync(subscribers
                .Where(row => row.RowKey.StartsWith(PendingOwners.SubscriberPrefix, StringComparison.Ordinal))
                .Select(row => new Owner(row.RowKey, () => GrainFactory
                    .GetGrain<ISubscriberGrain>(row.RowKey[PendingOwners.SubscriberPrefix.Length..])
                    .ReconcileAsync(row.ETag.ToString()))));

            foreach (var bucket in Enumerable.Range(0, UserRows.Buckets).Where(bucket => bucket % PendingOwners.Shards == shard))
            {
                await SweepUserBucketAsync(bucket, settled);
            }

            foreach (var bucket in Enumerable.Range(0, PlaceRelationBuckets.Buckets).Where(bucket => bucket % PendingOwners.Shards == shard))
            {
                await SweepPlaceBucketAsync(bucket, settled);
            }
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex);
        }
    }

    /// <summary>Wakes the users the bucket's wake-up rows name; a transaction's row goes once every user it names is done.</summary>
    private async Task SweepUserBucketAsync(int bucket, DateTimeOffset settled)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {UserRows.PartitionKey(bucket)} and RowKey ge {UserRows.SweptStart} and RowKey lt {UserRows.SweptEnd} and Timestamp lt {settled}");
        var users = await tables.UserMarksAsync(bucket);
        var wakeUps = new UserWakeUps(await users.QueryAsync<TableEntity>(filter, select: BatchWakeUp.SweptProperties).ToListAsync());
        var done = new HashSet<string>(StringComparer.Ordinal);
        await ReconcileAllAsync(wakeUps.Users.Select(user => new Owner(user.Key, async () =>
        {
            if (await GrainFactory.GetGrain<IUserGrain>(user.Key).ReconcileAsync(user.Value))
            {
                lock (done)
                {
                    done.Add(user.Key);
                }
            }
        })));
        await Task.WhenAll(wakeUps.Batches
            .Where(batch => BatchWakeUp.OwnersOf(batch).All(done.Contains))
            .Select(batch => RemoveAsync(users, UserRows.PartitionKey(bucket), batch)));
    }

    /// <summary>Removes a transaction's wake-up row (or journal row) whose owners are all done, unless it changed since (it never does).</summary>
    private async Task RemoveAsync(TableClient table, string partitionKey, TableEntity batch)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, batch.RowKey, batch.ETag);
        }
        catch (Exception ex)
        {
            // Gone already (its owners released it meanwhile), or not now: the next tick sees it again.
            LogRemoveFailed(ex, batch.RowKey);
        }
    }

    private sealed record Owner(string Name, Func<Task> ReconcileAsync);

    private async Task ReconcileAllAsync(IEnumerable<Owner> owners)
    {
        foreach (var chunk in owners.Chunk(OwnersAtOnce))
        {
            await Task.WhenAll(chunk.Select(ReconcileAsync));
        }
    }

    private async Task ReconcileAsync(Owner owner)
    {
        try
        {
            await owner.ReconcileAsync();
        }
        catch (Exception ex)
        {
            LogReconcileFailed(ex, owner.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping the pending-owners journal failed; the next tick tries again.")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing the wake-up row {Row} failed; the next sweep sees it again.")]
    private partial void LogRemoveFailed(Exception exception, string row);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking {Owner} to reconcile failed; the next sweep asks again.")]
    private partial void LogReconcileFailed(Exception exception, string owner);
}
