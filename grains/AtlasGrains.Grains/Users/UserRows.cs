using AtlasGrains.Abstractions;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// Where a user's rows live. Users share 16 bucket partitions ("users-00".."users-15", a SHA-256 of the user id, fixed
/// forever; each in a table of its own, "usermarks00".."usermarks15", see <see cref="Storage.AtlasTables"/>), so that
/// one transaction can carry the writes of many users: a partition per user made every mark a request of its own (see <see cref="Storage.PartitionGroupCommit"/>). Sixteen
/// partitions at Azure's 2,000 entities/s each are more than an account's 20,000, so the buckets are never the limit.
/// Every row key starts with the user id, so a user's rows are one contiguous range of its bucket:
/// <list type="bullet">
/// <item>"{user}|list|{listId}": a list the user has;</item>
/// <item>"{user}|mark|{bh,wtg}|{place}": a mark;</item>
/// <item>"{user}|meta": the change sequence, the single-writer guard and the outbox (<see cref="UserMetaRow"/>).</item>
/// </list>
/// User ids are ours (GUIDs) and never contain "|", so one user's range never holds another's rows. After every
/// user's range ('~' sorts after the characters of ids) each bucket holds the rows the sweeper looks for, so that it
/// reads them all with one range query per bucket:
/// <list type="bullet">
/// <item>"~batch|{id}": the wake-up of a transaction that stored marks, naming their users
/// (<see cref="Storage.BatchWakeUp"/>), present until their places have the changes;</item>
/// <item>"~wake|{user}": the wake-up of list work that spans several writes (<see cref="UserWakeRow"/>).</item>
/// </list>
/// </summary>
public static class UserRows
{
    public const int Buckets = 16;

    /// <summary>The user's bucket: one of 16 shared strings, since every active user keeps it.</summary>
    public static string PartitionOf(string userId) => BucketKeys[BucketOf(userId)];

    /// <summary>The number of the user's bucket, which also names its table (<see cref="Storage.AtlasTables.UserMarksAsync"/>).</summary>
    public static int BucketOf(string userId) => StableBucket.Of(userId, Buckets);

    private static readonly string[] BucketKeys = [.. Enumerable.Range(0, Buckets).Select(PartitionKey)];

    /// <summary>The first row key of a user's range; <see cref="End"/> is just past its last.</summary>
    public static string Start(string userId) => userId + "|";

    public static string End(string userId) => userId + "}";

    public static string Meta(string userId) => $"{userId}|meta";

    public static string ListPrefix(string userId) => $"{userId}|list|";

    public static string MarkPrefix(string userId) => $"{userId}|mark|";

    /// <summary>The user's wake-up row for list work.</summary>
    public static string Wake(string userId) => WakePrefix + userId;

    public const string WakePrefix = "~wake|";

    /// <summary>The range of every row the sweeper looks for in a bucket: transactions' wake-up rows, then users'.</summary>
    public const string SweptStart = "~";

    public const string SweptEnd = "~wake}";

    /// <summary>The user whose wake-up row this is; null for any other row.</summary>
    public static string? OwnerOfWakeRow(string rowKey) =>
        rowKey.StartsWith(WakePrefix, StringComparison.Ordinal) ? rowKey[WakePrefix.Length..] : null;

    /// <summary>The user whose meta row this is; null for any other row.</summary>
    public static string? OwnerOfMetaRow(string rowKey) =>
        rowKey.EndsWith("|meta", StringComparison.Ordinal) && rowKey.Split('|') is [var user, "meta"] ? user : null;

    public static string PartitionKey(int bucket) => $"users-{bucket:D2}";

    /// <summary>Where the rows of marks and meta sort in the user's range (after the lists).</summary>
    public static (string Start, string End) MarkRange(string userId) => (MarkPrefix(userId), userId + "|meta}");

    /// <summary>
    /// Reads a mark row's key: the user, "bh" or "wtg", and the place. False for any other row. Needs no knowledge of
    /// the bucket, so that the audit can read every user's rows.
    /// </summary>
    public static bool TryParseMark(string rowKey, out string userId, out string code, out string placeId)
    {
        (userId, code, placeId) = ("", "", "");
        if (rowKey.Split('|') is [var user, "mark", ("bh" or "wtg") and var markCode, var place])
        {
            (userId, code, placeId) = (user, markCode, place);
            return true;
        }

        return false;
    }
}
