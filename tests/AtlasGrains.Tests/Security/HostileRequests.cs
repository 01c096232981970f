using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AtlasGrains.Tests.Security;

/// <summary>One malformed or hostile request: what it is, and how to build it.</summary>
public sealed record HostileRequest(string Description, HttpMethod Method, string Path, HttpContent? Content, bool SignedIn)
{
    /// <summary>
    /// Kestrel itself refuses the request line (a NUL in the path, a line over 8 KiB) with a bare 400/414 before any
    /// application code runs, so no problem body can be written there.
    /// </summary>
    public bool RefusedByServer => Path.Contains("%00", StringComparison.Ordinal) || Path.Length > 8000;

    public override string ToString() => $"{Method} {(Path.Length > 80 ? Path[..80] + "..." : Path)} ({Description})";
}

/// <summary>
/// Builds the hostile corpus. Part of it comes from the gateway's own OpenAPI document, so every endpoint added
/// later is covered without anyone remembering to; the rest is a hand-written list of classic attacks.
/// </summary>
public static class HostileRequests
{
    private static readonly string[] HostileIds =
    [
        "..%2F..%2Fetc%2Fpasswd", "a%5Cb", "a%23b", "a%3Fb=1", "%00", "%E2%80%AE", new string('a', 5000), "UPPER", "a b", "%C3%28",
    ];

    public static IEnumerable<HostileRequest> FromOpenApi(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var template = path.Name;
                var hasParameters = template.Contains('{');
                var hasBody = operation.Value.TryGetProperty("requestBody", out _);
                if (hasParameters)
                {
                    foreach (var id in HostileIds)
                    {
                        yield return new($"hostile id {id[..Math.Min(id.Length, 20)]}", method, Fill(template, id), hasBody ? Json("{}") : null, SignedIn: true);
                    }
                }

                if (hasBody && method != HttpMethod.Get)
                {
                    var target = Fill(template, "no-such-thing-0000");
                    foreach (var (description, content) in HostileBodies())
                    {
                        yield return new(description, method, target, content, SignedIn: true);
                    }
                }

                // Hostile values of the query parameters an operation declares (a parameter it doesn't declare is ignored).
                var queries = new[] { "limit=-1", "limit=0", "limit=1000000000000", "limit=abc", "cursor=%00%FF", "cursor=" + new string('x', 3000) }
                    .Where(query => Declares(operation.Value, query[..query.IndexOf('=')]));
                foreach (var query in queries)
                {
                    yield return new($"query {query[..Math.Min(query.Length, 20)]}", method, $"{Fill(template, "alzhir")}?{query}", null, SignedIn: true);
                }
            }
        }
    }

    public static IEnumerable<HostileRequest> HandWritten(string placeId)
    {
        yield return new("wrong verb", HttpMethod.Get, "/api/newsletters/subscriptions/confirm", null, false);
        yield return new("unknown route", HttpMethod.Get, "/api/../../etc/passwd", null, false);
        yield return new("xml body", HttpMethod.Post, "/api/accounts", new StringContent("<a/>", Encoding.UTF8, "application/xml"), false);
        yield return new("form body", HttpMethod.Post, "/api/accounts", new FormUrlEncodedContent([new("email", "a@b.c")]), false);
        yield return new("no content type", HttpMethod.Post, "/api/accounts", new ByteArrayContent("{}"u8.ToArray()), false);
        yield return new("email with CRLF", HttpMethod.Post, "/api/newsletters/subscriptions", Json("""{"email":"a@b.co\r\nBcc: x@y.z","newsletterIds":["weekly"]}"""), false);
        yield return new("mark a hostile place", HttpMethod.Put, "/api/me/been-here/..%2F" + placeId, null, true);
        yield return new("webhook unsigned", HttpMethod.Post, "/api/payments/webhook", Json("""{"id":"e","type":"payment.succeeded","checkoutId":"c","occurredAt":"2026-01-01T00:00:00Z"}"""), false);
        yield return new("webhook huge", HttpMethod.Post, "/api/payments/webhook", Json(new string(' ', 100_000) + "{}"), false);
        yield return new("oversize body", HttpMethod.Post, "/api/places", Json($$"""{"name":"{{new string('n', 400_000)}}"}"""), true);
    }

    private static IEnumerable<(string, HttpContent)> HostileBodies()
    {
        yield return ("empty body", Json(""));
        yield return ("null body", Json("null"));
        yield return ("array body", Json("[1,2,3]"));
        yield return ("number body", Json("42"));
        yield return ("truncated JSON", Json("{\"name\":"));
        yield return ("wrong types", Json("""{"name":123,"email":true,"title":[],"placeIds":"x","planId":{},"token":1,"note":false,"newsletterIds":7}"""));
        yield return ("unknown field", Json("""{"isAdmin":true,"ownerId":"0123456789abcdef0123456789abcdef","stats":{"beenHere":1000}}"""));
        yield return ("deep nesting", Json(new string('[', 5000) + new string(']', 5000)));
        yield return ("huge array", Json("{\"placeIds\":[" + string.Join(',', Enumerable.Repeat("\"a\"", 20_000)) + "]}"));
        yield return ("control characters", Json("{\"name\":\"a\\u0000\\u001b[31m\",\"title\":\"\\u0007\",\"email\":\"\\u0000@x.y\",\"token\":\"\\u0000\"}"));
        yield return ("invalid UTF-8", Bytes([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
        yield return ("text/plain", new StringContent("hello", Encoding.UTF8, "text/plain"));
    }

    private static bool Declares(JsonElement operation, string parameterName) =>
        operation.TryGetProperty("parameters", out var parameters)
        && parameters.EnumerateArray().Any(parameter => parameter.GetProperty("name").GetString() == parameterName);

    private static string Fill(string template, string value) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", value);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
