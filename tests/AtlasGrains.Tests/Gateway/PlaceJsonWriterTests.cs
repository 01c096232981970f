using System.Net;
using System.Text.Json;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// The place page is written by hand (<see cref="PlaceJsonWriter"/>) for speed; clients must not be able to tell: the
/// bytes are the ones System.Text.Json writes for the same answer with the gateway's own options, and the OpenAPI
/// document still describes the answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlaceJsonWriterTests(ClusterFixture fixture)
{
    private JsonSerializerOptions Options => HandWrittenJson.Options(fixture);

    [Fact]
    public async Task Awkward_text_numbers_times_and_editors_are_written_as_System_Text_Json_writes_them() =>
        await AssertWrittenAsSystemTextJsonAsync(Place(
            "Þingvellir \"rift\" <b>& co</b>\n\ttab \u2028\u0001 ☃ 🦉", 64.2559, -21.1299, ["rift", "Ōsaka", "\\/"],
            [new("u-1", "Ána"), new("u-2", "<script>")], new PlaceStatsResponse(int.MaxValue, 0, 7)));

    [Fact]
    public async Task Empty_lists_and_extreme_coordinates_are_written_as_System_Text_Json_writes_them() =>
        await AssertWrittenAsSystemTextJsonAsync(Place("", 1e-7, -0.0, [], [], new PlaceStatsResponse(0, 0, 0)) with
        {
            Location = new LocationResponse(90, 180),
            Sources = [],
        });

    [Fact]
    public async Task A_place_read_over_HTTP_is_the_same_JSON_as_System_Text_Json_writes()
    {
        var owner = await Api.JoinAsync(fixture.Gateway);
        var placeId = await Api.CreatePlaceAsync(fixture.Gateway, owner.Token);

        var answer = await fixture.Gateway.Client().GetAsync($"/api/places/{placeId}");
        var written = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json; charset=utf-8", answer.Content.Headers.ContentType?.ToString());
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<PlaceResponse>(written, Options), Options), written);
    }

    [Fact]
    public async Task The_openapi_document_still_describes_a_place_page() =>
        Assert.EndsWith("/PlaceResponse", await HandWrittenJson.OpenApiSchemaAsync(fixture, "/api/places/{id}"));

    private Task AssertWrittenAsSystemTextJsonAsync(PlaceResponse place) =>
        HandWrittenJson.AssertWrittenAsSystemTextJsonAsync(fixture, place, async (body, encoder) =>
            await body.WriteAsync(PlaceJsonWriter.Render(place, encoder)));

    private static PlaceResponse Place(
        string text, double latitude, double longitude, string[] tags, UserRefResponse[] editors, PlaceStatsResponse stats) => new(
        "a-place", $"Name {text}", text, $"Description {text}", text, new LocationResponse(latitude, longitude),
        text, "Ciudad de México", "Región", "Türkiye", "Europe", tags, "https://example.org/?a=1&b=<2>", [text, "second"],
        new UserRefResponse("u-0", text), editors,
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), new DateTime(2026, 12, 5, 7, 57, 12, 120, DateTimeKind.Utc), stats);
}
