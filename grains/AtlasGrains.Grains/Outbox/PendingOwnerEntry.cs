using Azure;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// A newsletter subscriber's durable wake-up: its row in the <see cref="PendingOwners"/> journal, written before the
/// subscriber stores a change it must deliver, so a crash right after the store still leaves something that wakes it
/// up; removed once nothing is left to deliver.
/// </summary>
internal sealed class PendingOwnerEntry(PendingOwners journal, string ownerKey) : WakeUpEntry
{
    protected override Task<ETag> WriteRowAsync() => journal.AddAsync(ownerKey);

    protected override Task DeleteRowAsync(ETag etag) => journal.RemoveAsync(ownerKey, etag);
}
