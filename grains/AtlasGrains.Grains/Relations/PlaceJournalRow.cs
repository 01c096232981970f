using System.Text;
using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// A row of the places' journal: "~journal|{id}" in a place bucket's partition, holding the relation changes of many
/// places that one group-committed transaction stored (<see cref="Storage.PartitionGroupCommit.SubmitJournaledAsync"/>),
/// packed one per line: "{place}|", then the line its counts row keeps per member (<see cref="InlineMembers"/>). A quiet
/// place's changes land here instead of in its counts row, which the place writes later, once for many changes
/// (<see cref="Places.PlaceJournalOptions"/>): one entity
/// per transaction instead of one per place. The row stays until every place in it has stored its counts row (the last
/// one deletes it); after a crash the sweeper replays it to its places, which apply each change by the version rule, so
/// a change already stored is a no-op. Place ids and member ids never hold "|".
/// </summary>
internal static class PlaceJournalRow
{
    public const string RowPrefix = "~journal|";

    /// <summary>'}' sorts right after '|', so this bounds the journal's rows.</summary>
    public const string RowEnd = "~journal}";

    public const string ChangesProperty = "Changes";

    /// <summary>
    /// Characters of changes one row holds at most: storage takes 64 KiB a property, stored as UTF-16. A place's commit of
    /// 99 changes (ids up to 100 characters) is at most about 22,000, so every commit fits alone.
    /// </summary>
    public const int MaxCharacters = 30_000;

    public static bool IsRow(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>A place's changes as the lines it adds to a journal row.</summary>
    public static string Lines(string placeId, IEnumerable<RelationChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            InlineMembers.AppendEntry(text.Append(placeId).Append('|'), RelationKeys.Member(change.Kind, change.MemberId), change.Present, change.Version);
        }

        return text.ToString();
    }

    /// <summary>A new journal row holding these lines, to add to the transaction that stores them.</summary>
    public static TableEntity New(string partitionKey, string lines) =>
        new(partitionKey, RowPrefix + Guid.NewGuid().ToString("N")) { [ChangesProperty] = lines };

    /// <summary>The changes a stored journal row holds, with their places.</summary>
    public static IEnumerable<(string PlaceId, RelationChange Change)> Parse(TableEntity row)
    {
        foreach (var line in (row.GetString(ChangesProperty) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.IndexOf('|') is var at and > 0 && InlineMembers.ParseEntry(line[(at + 1)..]) is var (kind, memberId, present, version))
            {
                yield return (line[..at], new RelationChange(kind, memberId, present, version));
            }
        }
    }
}
