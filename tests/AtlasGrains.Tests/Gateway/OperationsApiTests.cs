using System.Net;
using System.Net.Http.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class OperationsApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await Gateway.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        var document = await (await Gateway.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/accounts", "/api/auth/token", "/api/me", "/api/places/{id}", "/api/me/been-here/{placeId}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task The_api_reference_is_served()
    {
        var response = await Gateway.Client().GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Over_the_account_creation_limit_a_client_gets_429_with_retry_after()
    {
        await using var strict = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string>
        {
            ["RateLimits:AccountCreationsPerMinutePerClient"] = "2",
        });
        using var client = strict.Client();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/accounts", new { email = $"{Guid.NewGuid():N}@example.com", password = "correct horse battery", displayName = "R" }));
        }

        Assert.All(answers.Take(2), answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        await answers[2].ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(answers[2].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Over_the_per_user_write_limit_a_reader_gets_429_and_other_readers_do_not()
    {
        await using var strict = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string>
        {
            ["RateLimits:WritesPerMinutePerUser"] = "2",
        });
        var busy = await Api.JoinAsync(strict);
        var calm = await Api.JoinAsync(strict);
        using var client = strict.Client(busy.Token);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/me/been-here/alzhir", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("/api/me/been-here/alzhir")).StatusCode);
        var limited = await client.PutAsync("/api/me/been-here/alzhir", null);

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await strict.Client(calm.Token).PutAsync("/api/me/want-to-go/alzhir", null)).StatusCode);
    }

    [Fact]
    public async Task Over_the_per_client_request_limit_every_request_gets_429_invalid_ones_included()
    {
        await using var strict = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string>
        {
            ["RateLimits:RequestsPerMinutePerClient"] = "3",
        });
        using var client = strict.Client();

        await client.GetAsync("/api/places/alzhir");
        await client.GetAsync("/api/places/NOT-VALID");
        await client.PostAsync("/api/accounts", Api.RawJson("{"));
        var limited = await client.GetAsync("/api/places/alzhir");

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
