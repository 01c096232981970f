using System.Net;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Site;

/// <summary>The gateway serves the site's files beside the API without blurring the two (plain HTTP, no browser).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiteServingTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task The_site_is_served_at_the_root_with_its_own_files_only()
    {
        using var http = Gateway.Client();
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/js/app.js\"></script>", await page.Content.ReadAsStringAsync());
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        var script = await http.GetAsync("/js/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        var confirm = await http.GetAsync("/newsletters/confirm?token=abc");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("/newsletters/confirm/?token=abc", confirm.RequestMessage?.RequestUri?.PathAndQuery);
    }

    [Theory]
    [InlineData("/api/no-such-route")]
    [InlineData("/api/index.html")]
    [InlineData("/no-such-page.html")]
    public async Task Unknown_paths_stay_problem_json_404s_not_the_site(string path)
    {
        using var http = Gateway.Client();
        await (await http.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_API_document_has_the_stats_stream_and_no_site_files()
    {
        using var http = Gateway.Client();
        var document = await (await http.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.DoesNotContain(paths, path => path == "/" || path.Contains('.') || path.StartsWith("/js", StringComparison.Ordinal));
        var stream = document.GetProperty("paths").GetProperty("/api/places/{id}/stats/stream").GetProperty("get");
        Assert.True(stream.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
    }
}
