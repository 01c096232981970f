using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Discovery;

/// <summary>Creating places for the discovery tests, and waiting for the discovery views to show them.</summary>
internal static class DiscoveryApi
{
    /// <summary>Views follow changes within about a second; this only bounds how long a broken build makes a test wait.</summary>
    internal static readonly TimeSpan PatienceLimit = TimeSpan.FromSeconds(15);

    public static async Task<string> CreateAsync(
        GatewayHost gateway, string token, string name, double latitude = -60, double longitude = 0, string country = "Antarctica",
        string[]? tags = null, string subtitle = "", string city = "")
    {
        using var client = gateway.Client(token);
        var response = await client.PostAsJsonAsync("/api/places", new
        {
            name,
            subtitle,
            city,
            country,
            continent = "Antarctica",
            location = new { latitude, longitude },
            tags = tags ?? [],
        });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <summary>GETs <paramref name="path"/> until it is a 200 for which <paramref name="done"/> holds, and answers it.</summary>
    public static async Task<JsonElement> EventuallyAsync(GatewayHost gateway, string path, Func<JsonElement, bool> done)
    {
        using var client = gateway.Client();
        using var patience = new CancellationTokenSource(PatienceLimit);
        while (true)
        {
            // A 404 may be a view that hasn't caught up yet (a tag or country whose first place is on its way).
            var response = await client.GetAsync(path);
            var answer = response.StatusCode == HttpStatusCode.NotFound ? default : await response.JsonAsync(HttpStatusCode.OK);
            if (answer.ValueKind != System.Text.Json.JsonValueKind.Undefined && done(answer))
            {
                return answer;
            }

            if (patience.IsCancellationRequested)
            {
                Assert.Fail($"GET {path} never showed what the test waited for; last answer: {(int)response.StatusCode} {answer}");
            }

            await Task.Delay(50);
        }
    }

    public static IEnumerable<string> Ids(this JsonElement answer, string property = "items") =>
        answer.GetProperty(property).EnumerateArray().Select(item => (item.TryGetProperty("place", out var place) ? place : item).GetProperty("id").GetString()!);

    /// <summary>A word no other test uses, so that a test sees only its own places in search and tag views.</summary>
    public static string UniqueWord() => "w" + Guid.NewGuid().ToString("N")[..12];
}
