using AtlasGrains.Abstractions;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// Where a user's rows live in the user-marks table. Users share 16 bucket partitions ("users-00".."users-15", a
/// SHA-256 of the user id, fixed forever), so that one transaction can carry the writes of many users: a partition
/// per user made every mark a request of its own (see <see cref="Storage.PartitionGroupCommit"/>). Sixteen
/// partitions at Azure's 2,000 entities/s each are more than an account's 20,000, so the buckets are never the limit.
/// Every row key starts with the user id, so a user's rows are one contiguous range of its bucket:
/// <list type="bullet">
/// <item>"{user}|list|{listId}": a list the user has;</item>
/// <item>"{user}|mark|{bh,wtg}|{place}": a mark;</item>
/// <item>"{user}|meta": the change sequence and single-writer guard (<see cref="UserMetaRow"/>);</item>
/// <item>"{user}|pending|{bh,wtg}|{place}": an outbox row, a change its place has not confirmed.</item>
/// </list>
/// User ids are ours (GUIDs) and never contain "|", so one user's range never holds another's rows. Each bucket also
/// holds the wake-up rows of its users, "~wake|{user}" (<see cref="UserWakeRow"/>), together after every user's range
/// ('~' sorts after the characters of ids), so that the sweeper reads them with one range query per bucket.
/// </summary>
public static class UserRows
{
    public const int Buckets = 16;

    /// <summary>The user's bucket: one of 16 shared strings, since every active user keeps it.</summary>
    public static string PartitionOf(string userId) => BucketKeys[StableBucket.Of(userId, Buckets)];

    private static readonly string[] BucketKeys = [.. Enumerable.Range(0, Buckets).Select(PartitionKey)];

    /// <summary>The first row key of a user's range; <see cref="End"/> is just past its last.</summary>
    public static string Start(string userId) => userId + "|";

    public static string End(string userId) => userId + "}";

    public static string Meta(string userId) => $"{userId}|meta";

    public static string ListPrefix(string userId) => $"{userId}|list|";

    public static string MarkPrefix(string userId) => $"{userId}|mark|";

    public static string OutboxPrefix(string userId) => $"{userId}|pending|";

    /// <summary>The user's wake-up row, and the range of every wake-up row of a bucket.</summary>
    public static string Wake(string userId) => WakePrefix + userId;

    public const string WakePrefix = "~wake|";

    public const string WakeEnd = "~wake}";

    public static string PartitionKey(int bucket) => $"users-{bucket:D2}";

    /// <summary>Where the rows of marks, meta and outbox sort (after the lists).</summary>
    public static (string Start, string End) MarkRange(string userId) => (MarkPrefix(userId), userId + "|pending}");

    /// <summary>
    /// Reads a mark or outbox row's key: the user, "bh" or "wtg", and the place. False for any other row. Parsed from
    /// the right, so that the audit reading every user's rows needs no knowledge of the bucket.
    /// </summary>
    public static bool TryParseMark(string rowKey, out string userId, out string code, out string placeId, out bool isPending)
    {
        (userId, code, placeId, isPending) = ("", "", "", false);
        var parts = rowKey.Split('|');
        if (parts is not [var user, "mark" or "pending", "bh" or "wtg", var place])
        {
            return false;
        }

        (userId, code, placeId, isPending) = (user, parts[2], place, parts[1] == "pending");
        return true;
    }
}
