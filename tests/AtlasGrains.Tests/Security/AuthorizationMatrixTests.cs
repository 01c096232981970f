using System.Net;
using System.Text;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Security;

/// <summary>
/// Every endpoint that needs a user, with no token, a malformed one, an expired one, one signed with another key
/// and an unsigned ("alg": "none") one: 401 problem+json. Every change to the owner's lists with another reader's
/// valid token: 404. Nothing changes in the tables either way.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AuthorizationMatrixTests(SecurityFixture fixture)
{
    private const string UnsignedToken = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiJ9.";

    private IEnumerable<(HttpMethod Method, string Path, string? Body)> SignedInEndpoints()
    {
        var (place, privateList, publicList) = (fixture.PlaceId, fixture.PrivateListId, fixture.PublicListId);
        yield return (HttpMethod.Post, "/api/places", """{"name":"N","location":{"latitude":1,"longitude":1},"country":"X"}""");
        yield return (HttpMethod.Patch, $"/api/places/{place}", """{"subtitle":"changed"}""");
        foreach (var mark in new[] { "been-here", "want-to-go" })
        {
            yield return (HttpMethod.Put, $"/api/me/{mark}/{place}", null);
            yield return (HttpMethod.Delete, $"/api/me/{mark}/{place}", null);
            yield return (HttpMethod.Get, $"/api/me/{mark}", null);
        }

        yield return (HttpMethod.Get, "/api/me", null);
        yield return (HttpMethod.Get, $"/api/me/places/{place}", null);
        yield return (HttpMethod.Get, "/api/me/lists", null);
        yield return (HttpMethod.Get, "/api/me/newsletters", null);
        yield return (HttpMethod.Get, "/api/me/membership", null);
        yield return (HttpMethod.Post, "/api/me/membership", """{"planId":"monthly"}""");
        yield return (HttpMethod.Delete, "/api/me/membership", null);
        yield return (HttpMethod.Post, "/api/lists", """{"title":"T","visibility":"public"}""");
        foreach (var list in new[] { privateList, publicList })
        {
            foreach (var change in ListChanges(list, place))
            {
                yield return change;
            }
        }
    }

    private static IEnumerable<(HttpMethod Method, string Path, string? Body)> ListChanges(string list, string place) =>
    [
        (HttpMethod.Patch, $"/api/lists/{list}", """{"title":"Mine now"}"""),
        (HttpMethod.Delete, $"/api/lists/{list}", null),
        (HttpMethod.Put, $"/api/lists/{list}/items/{place}", """{"note":"mine"}"""),
        (HttpMethod.Delete, $"/api/lists/{list}/items/{place}", null),
        (HttpMethod.Put, $"/api/lists/{list}/order", $$"""{"placeIds":["{{place}}"]}"""),
    ];

    [Fact]
    public async Task Without_a_valid_token_every_signed_in_endpoint_is_401_and_nothing_changes()
    {
        var before = await fixture.SnapshotAsync();
        var tokens = new (string Name, string? Token)[]
        {
            ("none", null), ("malformed", "not.a.token"), ("expired", fixture.ExpiredToken()),
            ("foreign key", fixture.ForeignToken()), ("alg none", UnsignedToken),
        };
        var tried = 0;

        foreach (var (method, path, body) in SignedInEndpoints())
        {
            foreach (var (name, token) in tokens)
            {
                var response = await SendAsync(method, path, body, token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {name} token: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                tried++;
            }
        }

        Assert.True(tried >= 100);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task Another_readers_valid_token_changes_none_of_the_owners_lists()
    {
        var before = await fixture.SnapshotAsync();

        foreach (var list in new[] { fixture.PrivateListId, fixture.PublicListId })
        {
            foreach (var (method, path, body) in ListChanges(list, fixture.PlaceId))
            {
                var response = await SendAsync(method, path, body, fixture.Other.Token);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/lists/{fixture.PrivateListId}", null, fixture.Other.Token)).StatusCode);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var client = fixture.Gateway.Client(token);
        return await client.SendAsync(request);
    }
}
