using System.Buffers;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// The body of an entity-group transaction (the Table service's OData batch): one changeset holding an HTTP request per
/// action, laid out as Azure.Data.Tables lays it out (methods, URLs, headers), written once into a caller's buffer.
/// </summary>
internal static class TransactionRequestBody
{
    /// <summary>The format every request of the changeset asks for, escaped once.</summary>
    private const string Format = "?$format=application%2Fjson%3Bodata%3Dminimalmetadata";

    private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = true };

    public static void Write(IBufferWriter<byte> output, string serviceUri, string host, string table, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        Text(output, $"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changesetBoundary}\r\n\r\n");
        using var json = new Utf8JsonWriter(output, JsonOptions);
        foreach (var action in actions)
        {
            Text(output, $"--{changesetBoundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            WriteRequestLine(output, serviceUri, table, action);
            Text(output, $"Host: {host}\r\nx-ms-version: 2020-12-06\r\nDataServiceVersion: 3.0\r\n");
            if (IfMatch(action) is { } etag)
            {
                Text(output, $"If-Match: {etag}\r\n");
            }

            switch (action.ActionType)
            {
                case TableTransactionActionType.Delete:
                    Text(output, "Accept: application/json;odata=minimalmetadata\r\n\r\n");
                    break;
                case TableTransactionActionType.Add:
                    Text(output, "Prefer: return-no-content\r\nAccept: application/json;odata=minimalmetadata\r\nContent-Type: application/json;odata=nometadata\r\n\r\n");
                    WriteEntity(json, action.Entity);
                    break;
                default:
                    Text(output, "Accept: application/json\r\nContent-Type: application/json\r\n\r\n");
                    WriteEntity(json, action.Entity);
                    break;
            }

            Text(output, "\r\n");
        }

        Text(output, $"--{changesetBoundary}--\r\n\r\n--{batchBoundary}--\r\n");
    }

    private static void WriteRequestLine(IBufferWriter<byte> output, string serviceUri, string table, TableTransactionAction action)
    {
        var method = action.ActionType switch
        {
            TableTransactionActionType.Add => "POST",
            TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpsertReplace => "PUT",
            TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge => "PATCH",
            TableTransactionActionType.Delete => "DELETE",
            _ => throw new NotSupportedException($"Transaction action {action.ActionType} is not one the Table service knows."),
        };
        Text(output, action.ActionType == TableTransactionActionType.Add
            ? $"{method} {serviceUri}/{table}{Format} HTTP/1.1\r\n"
            : $"{method} {serviceUri}/{table}(PartitionKey='{Key(action.Entity.PartitionKey)}',RowKey='{Key(action.Entity.RowKey)}'){Format} HTTP/1.1\r\n");
    }

    /// <summary>A key inside the entity's address: quotes doubled (OData's string literal), then URL-escaped.</summary>
    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    /// <summary>The condition of an update or a delete: its ETag, or any version when it names none; inserts and upserts have none.</summary>
    private static string? IfMatch(TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpdateMerge or TableTransactionActionType.Delete =>
            action.ETag == default ? ETag.All.ToString() : action.ETag.ToString(),
        _ => null,
    };

    private static void WriteEntity(Utf8JsonWriter json, ITableEntity entity)
    {
        json.Reset();
        EntityJson.Write(json, entity);
    }

    private static void Text(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
