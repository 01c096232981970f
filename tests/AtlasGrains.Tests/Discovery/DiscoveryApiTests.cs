using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;
using static AtlasGrains.Tests.Discovery.DiscoveryApi;

namespace AtlasGrains.Tests.Discovery;

[Collection(ClusterCollection.Name)]
public sealed class DiscoveryApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Nearby_gives_the_nearest_places_with_km_and_miles_and_never_the_place_itself()
    {
        var author = await Api.JoinAsync(Gateway);
        var longitude = Random.Shared.Next(10, 170);
        var here = await CreateAsync(Gateway, author.Token, $"Here {UniqueWord()}", -75, longitude);
        var near = await CreateAsync(Gateway, author.Token, $"Near {UniqueWord()}", -75, longitude + 0.1);
        var farther = await CreateAsync(Gateway, author.Token, $"Farther {UniqueWord()}", -75.2, longitude);

        // Both must be indexed: a publication that failed once is retried a second later, so they can arrive out of order.
        var nearby = await EventuallyAsync(Gateway, $"/api/places/{here}/nearby?limit=2", answer => answer.Ids().Contains(near) && answer.Ids().Contains(farther));

        Assert.Equal([near, farther], nearby.Ids());
        var first = nearby.GetProperty("items")[0];
        Assert.Equal(2.9, first.GetProperty("distanceKm").GetDouble()); // 0.1 degree of longitude at 75 degrees south
        Assert.Equal(1.8, first.GetProperty("distanceMiles").GetDouble());
    }

    [Fact]
    public async Task Near_me_finds_the_places_within_the_radius_only()
    {
        var author = await Api.JoinAsync(Gateway);
        var longitude = Random.Shared.Next(10, 170);
        var inside = await CreateAsync(Gateway, author.Token, $"Inside {UniqueWord()}", -80, longitude + 0.2);
        var outside = await CreateAsync(Gateway, author.Token, $"Outside {UniqueWord()}", -80.5, longitude);

        var near = await EventuallyAsync(Gateway, $"/api/places/near?lat=-80&lng={longitude}&radiusKm=20&limit=100", answer => answer.Ids().Contains(inside));

        Assert.DoesNotContain(outside, near.Ids());
    }

    [Theory]
    [InlineData("/api/places/near?lat=91&lng=0", "lat")]
    [InlineData("/api/places/near?lng=0", "lat")]
    [InlineData("/api/places/near?lat=0&lng=-180.5", "lng")]
    [InlineData("/api/places/near?lat=0&lng=0&radiusKm=0", "radiusKm")]
    [InlineData("/api/places/near?lat=0&lng=0&radiusKm=501", "radiusKm")]
    [InlineData("/api/places/near?lat=0&lng=0&radiusKm=NaN", "radiusKm")]
    [InlineData("/api/places/near?lat=0&lng=0&limit=101", "limit")]
    [InlineData("/api/places/alzhir/nearby?limit=0", "limit")]
    [InlineData("/api/places/alzhir/related?limit=x", "limit")]
    [InlineData("/api/places?sort=oldest", "sort")]
    [InlineData("/api/places?sort=latest&cursor=not-a-cursor", "cursor")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=almaty&limit=-1", "limit")]
    public async Task Values_out_of_range_are_400s_naming_the_field(string path, string field)
    {
        await (await Gateway.Client().GetAsync(path)).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Unknown_places_and_countries_are_404s()
    {
        await (await Gateway.Client().GetAsync("/api/places/no-such-place/nearby")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client().GetAsync("/api/places/no-such-place/related")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client().GetAsync($"/api/destinations/{UniqueWord()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client().GetAsync($"/api/tags/{UniqueWord()}/places")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Destination_counts_follow_new_places_and_country_edits()
    {
        var author = await Api.JoinAsync(Gateway);
        var (first, second) = ($"Testland {UniqueWord()}", $"Otherland {UniqueWord()}");
        var a = await CreateAsync(Gateway, author.Token, $"A {UniqueWord()}", country: first);
        var b = await CreateAsync(Gateway, author.Token, $"B {UniqueWord()}", country: first);
        await CreateAsync(Gateway, author.Token, $"C {UniqueWord()}", country: second);

        await EventuallyAsync(Gateway, "/api/destinations", answer => Count(answer, first) == 2 && Count(answer, second) == 1);
        using var client = Gateway.Client(author.Token);
        (await client.PatchAsJsonAsync($"/api/places/{b}", new { country = second })).EnsureSuccessStatusCode();

        await EventuallyAsync(Gateway, "/api/destinations", answer => Count(answer, first) == 1 && Count(answer, second) == 2);
        var guide = await EventuallyAsync(Gateway, $"/api/destinations/{Uri.EscapeDataString(first.ToUpperInvariant())}", _ => true);
        Assert.Equal(first, guide.GetProperty("country").GetString());
        Assert.Equal("Antarctica", guide.GetProperty("continent").GetString());
        Assert.Equal([a], guide.GetProperty("places").Ids());
    }

    [Fact]
    public async Task Tag_pages_and_related_places_follow_shared_tags()
    {
        var author = await Api.JoinAsync(Gateway);
        var (caves, lakes) = (UniqueWord(), UniqueWord());
        var self = await CreateAsync(Gateway, author.Token, $"Self {UniqueWord()}", tags: [caves, lakes]);
        var both = await CreateAsync(Gateway, author.Token, $"Both {UniqueWord()}", tags: [lakes, caves]);
        var one = await CreateAsync(Gateway, author.Token, $"One {UniqueWord()}", tags: [caves]);

        var tagged = await EventuallyAsync(Gateway, $"/api/tags/{caves.ToUpperInvariant()}/places", answer => answer.Ids().Count() == 3);
        var related = await EventuallyAsync(Gateway, $"/api/places/{self}/related", answer => answer.Ids().Count() == 2);

        Assert.Equal(new[] { self, both, one }.Order(StringComparer.Ordinal), tagged.Ids().Order(StringComparer.Ordinal));
        Assert.Equal([both, one], related.Ids());
    }

    [Fact]
    public async Task Popular_order_follows_marks()
    {
        var author = await Api.JoinAsync(Gateway);
        var tag = UniqueWord();
        var quiet = await CreateAsync(Gateway, author.Token, $"Quiet {UniqueWord()}", tags: [tag]);
        var liked = await CreateAsync(Gateway, author.Token, $"Liked {UniqueWord()}", tags: [tag]);
        var loved = await CreateAsync(Gateway, author.Token, $"Loved {UniqueWord()}", tags: [tag]);
        foreach (var (place, readers) in new[] { (liked, 1), (loved, 2) })
        {
            for (var i = 0; i < readers; i++)
            {
                using var reader = Gateway.Client((await Api.JoinAsync(Gateway)).Token);
                (await reader.PutAsync($"/api/me/been-here/{place}", null)).EnsureSuccessStatusCode();
                (await reader.PutAsync($"/api/me/want-to-go/{place}", null)).EnsureSuccessStatusCode();
            }
        }

        // The views' counts arrive within about a second, not all at once (a tie on the way, loved at 1 + 1 like liked,
        // may already sort loved first): wait until every count is final, then the order must follow them.
        var tagged = await EventuallyAsync(Gateway, $"/api/tags/{tag}/places", answer =>
            answer.GetProperty("items").EnumerateArray().Sum(item => Score(item)) == 6);
        Assert.Equal([loved, liked, quiet], tagged.Ids());
        Assert.Equal(2, tagged.GetProperty("items")[0].GetProperty("stats").GetProperty("beenHere").GetInt32());
        var popular = await EventuallyAsync(Gateway, "/api/places?sort=popular&limit=100", _ => true);
        var scores = popular.GetProperty("items").EnumerateArray().Select(Score).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    private static int Score(JsonElement item) =>
        item.GetProperty("stats").GetProperty("beenHere").GetInt32() + item.GetProperty("stats").GetProperty("wantToGo").GetInt32();

    [Fact]
    public async Task Latest_puts_the_newest_place_first_and_pages_on_with_the_cursor()
    {
        var author = await Api.JoinAsync(Gateway);
        fixture.Cluster.AdvanceClock(TimeSpan.FromMinutes(1));
        var older = await CreateAsync(Gateway, author.Token, $"Older {UniqueWord()}");
        fixture.Cluster.AdvanceClock(TimeSpan.FromMinutes(1));
        var newer = await CreateAsync(Gateway, author.Token, $"Newer {UniqueWord()}");

        var first = await EventuallyAsync(Gateway, "/api/places?sort=latest&limit=1", answer => answer.Ids().SequenceEqual([newer]));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await EventuallyAsync(Gateway, $"/api/places?sort=latest&limit=1&cursor={cursor}", _ => true);

        Assert.Equal([older], second.Ids());
    }

    [Fact]
    public async Task Search_folds_case_and_accents_ranks_names_first_and_answers_no_results_with_an_empty_list()
    {
        var author = await Api.JoinAsync(Gateway);
        var word = UniqueWord();
        var church = await CreateAsync(Gateway, author.Token, $"Hallgrímskirkja {word}", city: "Reykjavík");
        var mention = await CreateAsync(Gateway, author.Token, $"Harbour {UniqueWord()}", subtitle: $"Near Hallgrímskirkja {word}");

        var found = await EventuallyAsync(Gateway, $"/api/search?q=HALLGRIMSKIRKJA%20{word}", answer => answer.Ids().Count() == 2);
        var byCity = await EventuallyAsync(Gateway, $"/api/search?q=reykjavik%20{word}", _ => true);
        var none = await EventuallyAsync(Gateway, $"/api/search?q=zzzz{word}", _ => true);

        Assert.Equal([church, mention], found.Ids());
        Assert.Equal([church], byCity.Ids());
        Assert.Empty(none.Ids());
    }

    [Fact]
    public async Task Random_gives_a_whole_place()
    {
        var place = await EventuallyAsync(Gateway, "/api/places/random", _ => true);

        var id = place.GetProperty("id").GetString()!;
        Assert.Equal(id, (await (await Gateway.Client().GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString());
    }

    private static int Count(System.Text.Json.JsonElement destinations, string country) =>
        destinations.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("country").GetString() == country)
            .Select(item => item.GetProperty("placeCount").GetInt32()).SingleOrDefault();
}
