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
/// reminder every retry period reads the shard's rows, and those buckets' outbox and wake-up rows (<see cref="UserRows"/>),
/// older than that period and asks each owner to reconcile (re-deliver what its places haven't applied, sweep its
/// outbox, then remove its wake-up row). An owner still busy keeps its rows and is asked again next time. A sweep runs in the background of the tick, so a
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
                filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {UserRows.PartitionKey(bucket)} and RowKey ge {UserRows.SweptStart} and RowKey lt {UserRows.SweptEnd} and Timestamp lt {settled}");
                var users = await tables.UserMarksAsync(bucket);
                var rows = await users.QueryAsync<TableEntity>(filter, select: ["RowKey"]).ToListAsync();
                await ReconcileAllAsync(UsersToWake(rows).Select(user => new Owner(user.Key, () => GrainFactory
                    .GetGrain<IUserGrain>(user.Key)
                    .ReconcileAsync(user.Value))));
            }
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex);
        }
    }

    /// <summary>
    /// Each user once, however many outbox rows it left, with the ETag of its wake-up row if it has one (so that it
    /// may remove the row the sweeper saw); users with only outbox rows get null.
    /// </summary>
    private static Dictionary<string, string?> UsersToWake(IEnumerable<TableEntity> rows)
    {
        var users = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (UserRows.OwnerOfSwept(row.RowKey) is not var (userId, isWakeUp))
            {
                continue;
            }

            if (isWakeUp)
            {
                users[userId] = row.ETag.ToString();
            }
            else
            {
                users.TryAdd(userId, null);
            }
        }

        return users;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking {Owner} to reconcile failed; the next sweep asks again.")]
    private partial void LogReconcileFailed(Exception exception, string owner);
}
