using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Small helpers for speaking to the gateway as a client would.</summary>
public static class Api
{
    public sealed record Account(string UserId, string Email, string Password, string Token);

    public static async Task<Account> JoinAsync(GatewayHost gateway, string displayName = "Reader")
    {
        using var client = gateway.Client();
        var email = $"{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery";
        var created = await client.PostAsJsonAsync("/api/accounts", new { email, password, displayName });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;
        return new Account(userId, email, password, await TokenAsync(gateway, email, password));
    }

    public static async Task<string> TokenAsync(GatewayHost gateway, string email, string password)
    {
        using var client = gateway.Client();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static object NewPlace(string name = "Test place") => new
    {
        name,
        subtitle = "A place for tests",
        location = new { latitude = 51.07, longitude = 70.98 },
        city = "Malinovka",
        country = "Kazakhstan",
        continent = "Asia",
        tags = new[] { "test" },
    };

    public static async Task<string> CreatePlaceAsync(GatewayHost gateway, string token, string? name = null)
    {
        using var client = gateway.Client(token);
        var response = await client.PostAsJsonAsync("/api/places", NewPlace(name ?? $"Test place {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateListAsync(GatewayHost gateway, Account owner, string visibility = "public", string title = "Astana weekend")
    {
        var response = await gateway.Client(owner.Token).PostAsJsonAsync("/api/lists", new { title, description = "Two days", visibility });
        var list = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/lists/{list.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return list.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts an RFC 9457 problem with this status (and, when given, an error for this field).</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"Expected an error for '{field}' in {problem}");
        }

        return problem;
    }

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
