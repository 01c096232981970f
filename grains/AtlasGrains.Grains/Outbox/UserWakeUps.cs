using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// What the sweeper found in a user bucket: users' own wake-up rows (list work) and transactions' wake-up rows naming
/// users whose marks may not have reached their places (<see cref="UserRows"/>).
/// </summary>
internal sealed class UserWakeUps
{
    /// <summary>Each user to wake once, with the ETag of its own wake-up row if it has one (so that it may remove the row the sweeper saw).</summary>
    public Dictionary<string, string?> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>The transactions' wake-up rows, to remove once every user they name is done.</summary>
    public List<TableEntity> Batches { get; } = [];

    public UserWakeUps(IEnumerable<TableEntity> rows)
    {
        foreach (var row in rows)
        {
            if (UserRows.OwnerOfWakeRow(row.RowKey) is { } userId)
            {
                Users[userId] = row.ETag.ToString();
            }
            else if (BatchWakeUp.IsRow(row.RowKey))
            {
                Batches.Add(row);
                foreach (var owner in BatchWakeUp.OwnersOf(row))
                {
                    Users.TryAdd(owner, null);
                }
            }
        }
    }
}
