using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The durable wake-up of one journal shard and of the user buckets that fall to it (bucket b to shard b mod 8): a
/// reminder every retry period reads the shard's rows, and those buckets' wake-up rows (<see cref="UserWakeRow"/>),
/// older than that period and asks each owner to reconcile (re-deliver what its places haven't applied, then remove
/// its row). An owner still busy keeps its row and is asked again next time. A sweep runs in the background of the tick, so a
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
            await ReconcileAllAsync(await journal.QueryAsync<TableEntity>(filter, select: ["RowKey"]).ToListAsync());

            var users = await tables.UserMarksAsync();
            foreach (var bucket in Enumerable.Range(0, UserRows.Buckets).Where(bucket => bucket % PendingOwners.Shards == shard))
            {
                filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {UserRows.PartitionKey(bucket)} and RowKey ge {UserRows.WakePrefix} and RowKey lt {UserRows.WakeEnd} and Timestamp lt {settled}");
                await ReconcileAllAsync(await users.QueryAsync<TableEntity>(filter, select: ["RowKey"]).ToListAsync());
            }
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex);
        }
    }

    private async Task ReconcileAllAsync(List<TableEntity> rows)
    {
        foreach (var chunk in rows.Chunk(OwnersAtOnce))
        {
            await Task.WhenAll(chunk.Select(ReconcileAsync));
        }
    }

    private async Task ReconcileAsync(TableEntity row)
    {
        var etag = row.ETag.ToString();
        var owner = row.RowKey;
        Task? reconcile = owner switch
        {
            _ when owner.StartsWith(UserRows.WakePrefix, StringComparison.Ordinal) =>
                GrainFactory.GetGrain<IUserGrain>(owner[UserRows.WakePrefix.Length..]).ReconcileAsync(etag),
            _ when owner.StartsWith(PendingOwners.SubscriberPrefix, StringComparison.Ordinal) =>
                GrainFactory.GetGrain<ISubscriberGrain>(owner[PendingOwners.SubscriberPrefix.Length..]).ReconcileAsync(etag),
            _ => null,
        };
        try
        {
            await (reconcile ?? Task.CompletedTask);
        }
        catch (Exception ex)
        {
            LogReconcileFailed(ex, owner);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping the pending-owners journal failed; the next tick tries again.")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking {Owner} to reconcile failed; the next sweep asks again.")]
    private partial void LogReconcileFailed(Exception exception, string owner);
}
