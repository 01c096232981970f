using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class PlaceApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task Adding_a_place_publishes_it_under_a_slug_of_its_name()
    {
        var account = await Api.JoinAsync(Gateway, "Cartographer");
        using var client = Gateway.Client(account.Token);
        var name = $"Reykjavík Café {Guid.NewGuid():N}";

        var response = await client.PostAsJsonAsync("/api/places", Api.NewPlace(name));
        var place = await response.JsonAsync(HttpStatusCode.Created);

        var id = place.GetProperty("id").GetString()!;
        Assert.StartsWith("reykjavik-cafe-", id);
        Assert.Equal($"/api/places/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(account.UserId, place.GetProperty("addedBy").GetProperty("userId").GetString());
        Assert.Equal("Cartographer", place.GetProperty("addedBy").GetProperty("displayName").GetString());
        Assert.EndsWith("Z", place.GetProperty("publishedAt").GetString());
        var read = await (await Gateway.Client().GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(0, read.GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    [Fact]
    public async Task A_second_place_with_the_same_name_gets_a_numbered_slug()
    {
        var account = await Api.JoinAsync(Gateway);
        var name = $"Twin {Guid.NewGuid():N}";

        var first = await Api.CreatePlaceAsync(Gateway, account.Token, name);
        var second = await Api.CreatePlaceAsync(Gateway, account.Token, name);

        Assert.Equal(first + "-2", second);
    }

    [Fact]
    public async Task Seeded_places_are_there()
    {
        var alzhir = await (await Gateway.Client().GetAsync("/api/places/alzhir")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Kazakhstan", alzhir.GetProperty("country").GetString());
        Assert.Equal(51.073056, alzhir.GetProperty("location").GetProperty("latitude").GetDouble(), 6);
    }

    public static TheoryData<string, string> InvalidPlaces => new()
    {
        { """{"location":{"latitude":1,"longitude":1},"country":"X"}""", "name" },
        { """{"name":"","location":{"latitude":1,"longitude":1},"country":"X"}""", "name" },
        { $$"""{"name":"{{new string('n', 121)}}","location":{"latitude":1,"longitude":1},"country":"X"}""", "name" },
        { """{"name":"N","location":{"latitude":90.5,"longitude":1},"country":"X"}""", "location.latitude" },
        { """{"name":"N","location":{"latitude":1,"longitude":-180.1},"country":"X"}""", "location.longitude" },
        { """{"name":"N","country":"X"}""", "location" },
        { """{"name":"N","location":{"latitude":1,"longitude":1}}""", "country" },
        { $$"""{"name":"N","location":{"latitude":1,"longitude":1},"country":"X","subtitle":"{{new string('s', 201)}}"}""", "subtitle" },
        { $$"""{"name":"N","location":{"latitude":1,"longitude":1},"country":"X","tags":[{{string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\""))}}]}""", "tags" },
        { $$"""{"name":"N","location":{"latitude":1,"longitude":1},"country":"X","tags":["{{new string('t', 41)}}"]}""", "tags[0]" },
        { """{"name":"N","location":{"latitude":1,"longitude":1},"country":"X","website":"javascript:alert(1)"}""", "website" },
        { """{"name":"line\nbreak","location":{"latitude":1,"longitude":1},"country":"X"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlaces))]
    public async Task Invalid_places_are_refused_with_the_field_named(string body, string field)
    {
        using var client = Gateway.Client((await Api.JoinAsync(Gateway)).Token);

        var response = await client.PostAsync("/api/places", Api.RawJson(body));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_client_cannot_set_counts_or_ids()
    {
        using var client = Gateway.Client((await Api.JoinAsync(Gateway)).Token);

        var response = await client.PostAsync("/api/places",
            Api.RawJson("""{"name":"N","location":{"latitude":1,"longitude":1},"country":"X","stats":{"beenHere":1000}}"""));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Adding_a_place_needs_a_token()
    {
        var response = await Gateway.Client().PostAsJsonAsync("/api/places", Api.NewPlace());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("no-such-place-anywhere")]
    [InlineData("UPPER")]
    [InlineData("a%2Fb")]
    public async Task An_unknown_place_is_404(string id)
    {
        var response = await Gateway.Client().GetAsync($"/api/places/{id}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_edit_changes_only_the_given_fields_and_records_the_editor_once()
    {
        var author = await Api.JoinAsync(Gateway);
        var editor = await Api.JoinAsync(Gateway, "Editor");
        var id = await Api.CreatePlaceAsync(Gateway, author.Token);
        using var client = Gateway.Client(editor.Token);

        await (await client.PatchAsJsonAsync($"/api/places/{id}", new { subtitle = "Better subtitle" })).JsonAsync(HttpStatusCode.OK);
        var place = await (await client.PatchAsJsonAsync($"/api/places/{id}", new { tags = new[] { "soviet history", "memorials" } }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Better subtitle", place.GetProperty("subtitle").GetString());
        Assert.Equal("Kazakhstan", place.GetProperty("country").GetString());
        Assert.Equal(["soviet history", "memorials"], place.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        var editors = place.GetProperty("editedBy").EnumerateArray().ToList();
        Assert.Equal(editor.UserId, Assert.Single(editors).GetProperty("userId").GetString());
        Assert.Equal(author.UserId, place.GetProperty("addedBy").GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData("""{"name":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"location":{"latitude":100,"longitude":0}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"addedBy":{"userId":"x"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    public async Task Invalid_edits_change_nothing(string body, HttpStatusCode expected)
    {
        var account = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, account.Token);
        using var client = Gateway.Client(account.Token);
        var before = await (await client.GetAsync($"/api/places/{id}")).Content.ReadAsStringAsync();

        var response = await client.PatchAsync($"/api/places/{id}", Api.RawJson(body));

        await response.ProblemAsync(expected);
        Assert.Equal(before, await (await client.GetAsync($"/api/places/{id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Editing_an_unknown_place_is_404()
    {
        using var client = Gateway.Client((await Api.JoinAsync(Gateway)).Token);

        var response = await client.PatchAsJsonAsync("/api/places/no-such-place-anywhere", new { subtitle = "x" });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_oversize_body_is_413()
    {
        using var client = Gateway.Client((await Api.JoinAsync(Gateway)).Token);
        var body = JsonSerializer.Serialize(new { name = "N", description = new string('d', 400_000) });

        var response = await client.PostAsync("/api/places", Api.RawJson(body));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
