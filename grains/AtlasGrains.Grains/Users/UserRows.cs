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
/// <item>"{user}|meta": the change sequence and single-writer guard (<see cref="UserMetaRow"/>).</item>
/// </list>
/// User ids are ours (GUIDs) and never contain "|", so one user's range never holds another's rows. After every
/// user's range ('~' sorts after the characters of ids) each bucket holds the rows the sweeper looks for, so that it
/// reads them all with one range query per bucket:
/// <list type="bullet">
/// <item>"~pending|{user}|{bh,wtg}|{place}": an outbox row, a change its place has not confirmed. It is its own
/// wake-up: while it exists the sweeper finds it, so a mark needs no wake-up row besides it;</item>
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

    /// <summary>The user's outbox rows start with this; <see cref="OutboxEnd"/> is just past the last.</summary>
    public static string OutboxPrefix(string userId) => $"{PendingPrefix}{userId}|";

    public static string OutboxEnd(string userId) => $"{PendingPrefix}{userId}}}";

    public const string PendingPrefix = "~pending|";

    /// <summary>The user's wake-up row for list work.</summary>
    public static string Wake(string userId) => WakePrefix + userId;

    public const string WakePrefix = "~wake|";

    /// <summary>The range of every row the sweeper looks for in a bucket: outbox rows, then wake-up rows.</summary>
    public const string SweptStart = "~";

    public const string SweptEnd = "~wake}";

    /// <summary>The user a row the sweeper found belongs to, and whether it is a wake-up row (else an outbox row); null for any other row.</summary>
    public static (string UserId, bool IsWakeUp)? OwnerOfSwept(string rowKey) => rowKey switch
    {
        _ when rowKey.StartsWith(WakePrefix, StringComparison.Ordinal) => (rowKey[WakePrefix.Length..], true),
        _ when TryParseMark(rowKey, out var userId, out _, out _, out var isPending) && isPending => (userId, false),
        _ => null,
    };

    public static string PartitionKey(int bucket) => $"users-{bucket:D2}";

    /// <summary>Where the rows of marks and meta sort in the user's range (after the lists).</summary>
    public static (string Start, string End) MarkRange(string userId) => (MarkPrefix(userId), userId + "|meta}");

    /// <summary>
    /// Reads a mark or outbox row's key: the user, "bh" or "wtg", and the place. False for any other row. Needs no
    /// knowledge of the bucket, so that the audit can read every user's rows.
    /// </summary>
    public static bool TryParseMark(string rowKey, out string userId, out string code, out string placeId, out bool isPending)
    {
        (userId, code, placeId, isPending) = ("", "", "", false);
        switch (rowKey.Split('|'))
        {
            case [var user, "mark", ("bh" or "wtg") and var markCode, var place]:
                (userId, code, placeId) = (user, markCode, place);
                return true;
            case ["~pending", var user, ("bh" or "wtg") and var pendingCode, var place]:
                (userId, code, placeId, isPending) = (user, pendingCode, place, true);
                return true;
            default:
                return false;
        }
    }
}
