using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// Reads the Table service's answer to an entity-group transaction: an HTTP response per action (status line, headers,
/// and for a failure the error), inside one changeset. Only what our writers use is read: each status and ETag, and
/// for the action that failed its error, with its index, as Azure.Data.Tables reports it.
/// </summary>
internal static class TransactionAnswer
{
    /// <summary>The key under which Azure.Data.Tables' exceptions carry the failed action's index.</summary>
    private const string FailedEntityKey = "FailedEntity";

    private static ReadOnlySpan<byte> StatusLine => "HTTP/1.1 "u8;

    private static ReadOnlySpan<byte> HeadersEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> PartEnd => "\r\n--"u8;

    private static ReadOnlySpan<byte> ETagHeader => "etag:"u8;

    /// <summary>One response per action, in order; throws as Azure.Data.Tables does when the transaction failed.</summary>
    public static IReadOnlyList<Response> Read(ReadOnlySpan<byte> body, int actions)
    {
        var responses = new List<Response>(actions);
        while (body.IndexOf(StatusLine) is var at and >= 0)
        {
            body = body[(at + StatusLine.Length)..];
            if (!Utf8Parser.TryParse(body, out int status, out _))
            {
                throw Malformed("a status line without a status");
            }

            var headersEnd = body.IndexOf(HeadersEnd);
            if (headersEnd < 0)
            {
                throw Malformed("a response without the end of its headers");
            }

            var headers = body[..headersEnd];
            body = body[(headersEnd + HeadersEnd.Length)..];
            if (status >= 300)
            {
                var contentEnd = body.IndexOf(PartEnd);
                throw Failed(status, contentEnd < 0 ? body : body[..contentEnd]);
            }

            responses.Add(new OperationResponse(status, ETagOf(headers)));
        }

        return responses.Count == actions ? responses : throw Malformed($"{responses.Count} responses to {actions} actions");
    }

    private static string? ETagOf(ReadOnlySpan<byte> headers)
    {
        foreach (var line in headers.Split("\r\n"u8))
        {
            var header = headers[line];
            if (header.Length > ETagHeader.Length && Ascii.EqualsIgnoreCase(header[..ETagHeader.Length], ETagHeader))
            {
                return Encoding.ASCII.GetString(header[ETagHeader.Length..].Trim((byte)' '));
            }
        }

        return null;
    }

    /// <summary>The action's error: <c>{"odata.error":{"code":..,"message":{"value":"3:..."}}}</c>, where 3 is its index.</summary>
    private static TableTransactionFailedException Failed(int status, ReadOnlySpan<byte> content)
    {
        string? code = null;
        var message = $"The transaction failed with status {status}.";
        try
        {
            using var error = JsonDocument.Parse(content.ToArray());
            if (error.RootElement.TryGetProperty("odata.error", out var details))
            {
                code = details.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
                if (details.TryGetProperty("message", out var messageElement) && messageElement.TryGetProperty("value", out var value))
                {
                    message = value.GetString() ?? message;
                }
            }
        }
        catch (JsonException)
        {
            // An error without the service's JSON: the status says enough.
        }

        var failed = new RequestFailedException(status, message, code, innerException: null);
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), out var index))
        {
            failed.Data[FailedEntityKey] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new TableTransactionFailedException(failed);
    }

    private static RequestFailedException Malformed(string what) =>
        new($"The Table service's answer to a transaction could not be read: {what}.");
}
