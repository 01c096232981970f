using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage;

internal static class TableErrors
{
    /// <summary>
    /// True when storage refused a write because our view of it was stale (another writer, or an earlier
    /// write whose answer we lost): the cure is to reload and decide again, never to blindly retry.
    /// </summary>
    public static bool IsStaleView(Exception exception) => exception switch
    {
        TableTransactionFailedException failed => failed.Status is 404 or 409 or 412,
        RequestFailedException failed => failed.Status is 409 or 412,
        _ => false,
    };
}
