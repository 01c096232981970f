using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// Readers marking, unmarking, adding and removing list items over HTTP, retrying timeouts and 5xx with the same
/// request as real clients do. Remembers, per relation, the state of the last acknowledged change (or that the
/// last change's outcome is unknown), and every answer it saw.
/// </summary>
public sealed class ChaosLoad(Uri gateway)
{
    private const int MaxAttempts = 6;

    private readonly ConcurrentDictionary<(string Owner, string Kind, string Place), bool?> _expected = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private long _operations;

    public IReadOnlyDictionary<(string Owner, string Kind, string Place), bool?> Expected => _expected;

    public IReadOnlyDictionary<string, int> Answers => _answers;

    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public long Operations => Interlocked.Read(ref _operations);

    public List<(string UserId, string Token, string ListId)> Readers { get; } = [];

    public List<string> Places { get; } = [];

    public async Task PrepareAsync(int readers, int places)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < readers; i++)
        {
            var email = $"chaos-{Guid.NewGuid():N}@example.com";
            var account = await (await http.PostAsJsonAsync("/api/accounts", new { email, password = "correct horse battery", displayName = $"Reader {i}" })).Content.ReadFromJsonAsync<JsonElement>();
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { email, password = "correct horse battery" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lists") { Content = JsonContent.Create(new { title = "Chaos", visibility = "public" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var list = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
            Readers.Add((account.GetProperty("userId").GetString()!, token, list.GetProperty("id").GetString()!));
        }

        for (var i = 0; i < places; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/places")
            {
                Content = JsonContent.Create(new { name = $"Chaos place {Guid.NewGuid():N}", location = new { latitude = 1.0, longitude = 2.0 }, country = "Kazakhstan" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Readers[0].Token);
            Places.Add((await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
    }

    /// <summary>Every reader works until the token is cancelled, one change at a time.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Readers.Select((reader, index) => Task.Run(async () =>
    {
        var random = new Random(index);
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reader.Token);
        while (!stop.IsCancellationRequested)
        {
            var place = Places[random.Next(Places.Count)];
            var present = random.Next(2) == 0;
            var (kind, owner, path) = random.Next(3) switch
            {
                0 => ("bh", reader.UserId, $"/api/me/been-here/{place}"),
                1 => ("wtg", reader.UserId, $"/api/me/want-to-go/{place}"),
                _ => ("list", reader.ListId, $"/api/lists/{reader.ListId}/items/{place}"),
            };
            var acknowledged = await SendWithRetriesAsync(http, present ? HttpMethod.Put : HttpMethod.Delete, path);
            _expected[(owner, kind, place)] = acknowledged ? present : null;
            // Readers read pages too: the gateway keeps copies of them, which must survive the kills without going stale.
            await SendWithRetriesAsync(http, HttpMethod.Get, $"/api/places/{place}");
            Interlocked.Increment(ref _operations);
        }
    })));

    /// <summary>
    /// Sends a request until it is answered, retrying timeouts and 503s with the same request; true when it was
    /// acknowledged (2xx). For a <paramref name="singleUse"/> request a 4xx on a retry is no surprise (the lost first
    /// attempt may have used up its token): the outcome is unknown. Any other 4xx, or 5xx but 503, is unexpected.
    /// </summary>
    public async Task<bool> SendWithRetriesAsync(HttpClient http, HttpMethod method, string path, Func<HttpContent>? content = null, bool singleUse = false)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = content?.Invoke() });
                var status = (int)response.StatusCode;
                Count(status.ToString());
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    if (!singleUse || attempt == 1 || status >= 500)
                    {
                        _unexpected.Enqueue($"{method} {path}: {status} {await response.Content.ReadAsStringAsync()}");
                    }

                    return false;
                }
            }
            catch (Exception ex) when (ex is TaskCanceledException or HttpRequestException)
            {
                Count("timeout");
            }

            await Task.Delay(300 * attempt);
        }

        return false;
    }

    private void Count(string answer) => _answers.AddOrUpdate(answer, 1, (_, count) => count + 1);
}
