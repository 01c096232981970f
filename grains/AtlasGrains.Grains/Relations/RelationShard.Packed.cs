using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>A hot place's shard whose members are packed in chunk rows (<see cref="MemberChunks"/>).</summary>
internal sealed partial class RelationShard
{
    /// <summary>
    /// Stores the changes newer than what the chunks keep, in one transaction with the counts row. Memory holds every
    /// member, so nothing is read and nothing guessed. Answers none as found applied: what memory holds was loaded with
    /// the counts or written with them since, so a change found there is in the counts already, and the caller has
    /// nothing to reload for. (Reloading would read every chunk, a few hundred entities for a place of 60,000 members,
    /// for each change delivered twice.)
    /// </summary>
    private async Task<List<RelationChange>> CommitPackedAsync(MemberChunks chunks, IReadOnlyList<RelationChange> changes)
    {
        var counts = Counts;
        var newer = new List<RelationChange>(changes.Count);
        foreach (var change in changes)
        {
            var stored = chunks.Find(change.Kind, change.MemberId);
            if (stored is not null && stored.Version >= change.Version)
            {
                continue;
            }

            newer.Add(change);
            if ((stored?.Present ?? false) != change.Present)
            {
                counts = counts.Add(change.Kind, change.Present ? 1 : -1);
            }
        }

        if (newer.Count == 0)
        {
            return [];
        }

        var write = chunks.Plan(PartitionKey, Scope, newer);
        var response = await SubmitAsync([.. write.Actions, CountsAction(counts, OpenShards, inline: null)]);
        Metrics.PlaceCommitted(newer.Count);
        chunks.Apply(write, [.. response.Take(write.Actions.Count).Select(answer => answer.Headers.ETag)]);
        await RememberCountsAsync(counts, OpenShards, response[^1].Headers.ETag);
        return [];
    }

    /// <summary>The present members of one kind packed in chunk rows (none if this shard keeps rows).</summary>
    private IEnumerable<string> PackedPresent(RelationKind kind) => _chunks?.Present(kind) ?? [];
}
