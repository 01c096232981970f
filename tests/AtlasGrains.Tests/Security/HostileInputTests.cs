using System.Net;
using AtlasGrains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Security;

/// <summary>
/// Hundreds of malformed or hostile requests over every endpoint: each is answered with a 4xx problem+json
/// (never a 5xx), and the tables are exactly as they were.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HostileInputTests(SecurityFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_problem_and_changes_nothing()
    {
        var document = await (await fixture.Gateway.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var corpus = HostileRequests.FromOpenApi(document).Concat(HostileRequests.HandWritten(fixture.PlaceId)).ToList();
        var before = await fixture.SnapshotAsync();
        var failures = new List<string>();

        foreach (var hostile in corpus)
        {
            using var client = fixture.Gateway.Client(hostile.SignedIn ? fixture.Owner.Token : null);
            var response = await client.SendAsync(new HttpRequestMessage(hostile.Method, hostile.Path) { Content = hostile.Content });
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status is < 400 or > 499 || !(problem || (hostile.RefusedByServer && status is 400 or 414)))
            {
                failures.Add($"{hostile}: {status} {response.Content.Headers.ContentType}");
            }
        }

        output.WriteLine($"{corpus.Count} hostile requests tried");
        failures.ForEach(output.WriteLine);
        Assert.True(corpus.Count >= 300, $"Only {corpus.Count} hostile requests.");
        Assert.Empty(failures);
        var after = await fixture.SnapshotAsync();
        Assert.True(before.SetEquals(after), "Changed rows:\n- " + string.Join("\n- ", before.Except(after)) + "\n+ " + string.Join("\n+ ", after.Except(before)));
    }
}
