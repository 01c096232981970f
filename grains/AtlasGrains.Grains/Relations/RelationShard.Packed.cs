using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>A hot place's shard whose members are packed in chunk rows (<see cref="MemberChunks"/>).</summary>
internal sealed partial class RelationShard
{
    /// <summary>
    /// Stores the changes newer than what the chunks keep, in one transaction with the counts row. Memory holds every
    /// member, so nothing is read and nothing guessed. Answers the changes found applied already.
    /// </summary>
    private async Task<List<RelationChange>> CommitPackedAsync(MemberChunks chunks, IReadOnlyList<RelationChange> changes)
    {
        var counts = Counts;
        var applied = new List<RelationChange>();
        var newer = new List<RelationChange>(changes.Count);
        foreach (var change in changes)
        {
            var stored = chunks.Find(change.Kind, change.MemberId);
            if (stored is not null && stored.Version >= change.Version)
            {
                applied.Add(change);
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
            return applied;
        }

        var write = chunks.Plan(PartitionKey, Scope, newer);
        var response = await SubmitAsync([.. write.Actions, CountsAction(counts, OpenShards, inline: null)]);
        Metrics.PlaceCommitted(newer.Count);
        chunks.Apply(write, [.. response.Take(write.Actions.Count).Select(answer => answer.Headers.ETag)]);
        await RememberCountsAsync(counts, OpenShards, response[^1].Headers.ETag);
        return applied;
    }

    /// <summary>The present members of one kind packed in chunk rows (none if this shard keeps rows).</summary>
    private IEnumerable<string> PackedPresent(RelationKind kind) => _chunks?.Present(kind) ?? [];
}
