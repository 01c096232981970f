using System.Net;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Operations;

[Collection(ClusterCollection.Name)]
public sealed class CorsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_sites_origin_may_call_the_api_with_a_bearer_token()
    {
        var preflight = await PreflightAsync(GatewayHost.SiteOrigin);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(GatewayHost.SiteOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Any_other_origin_gets_no_cross_origin_access()
    {
        var preflight = await PreflightAsync("http://evil.example");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/me/been-here/alzhir");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return await fixture.Gateway.Client().SendAsync(request);
    }
}
