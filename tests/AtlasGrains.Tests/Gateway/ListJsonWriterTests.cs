using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Lists;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// Lists are written by hand (<see cref="ListJsonWriter"/>, each item rendered on its own) for speed; clients must not be
/// able to tell: the bytes are the ones System.Text.Json writes for the same answer with the gateway's own options, and
/// the OpenAPI document still describes the answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListJsonWriterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_empty_list_is_written_as_System_Text_Json_writes_it() =>
        await AssertWrittenAsSystemTextJsonAsync(List("An empty one", []));

    [Fact]
    public async Task Awkward_text_numbers_times_and_a_missing_place_are_written_as_System_Text_Json_writes_them()
    {
        var items = new[]
        {
            Item("reykjavik", "Near the harbour: \"Hallgrímskirkja\" <b>& co</b>\n\ttab", Place("Reykjavík", "Þingvellir ☃ 🦉", 64.1466, -21.9426, 12)),
            Item("line-separator", "\u2028\u0001\u007f'`+", Place("Ōsaka", "\\backslash/", 1e-7, -0.0, int.MaxValue)),
            new ListItemResponse("gone", "", new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc), null),
            Item("poles", "", Place("Pole", "", 90, 180, 0)),
        };

        await AssertWrittenAsSystemTextJsonAsync(List("Títle with ünïcode and \"quotes\"", items));
    }

    [Fact]
    public async Task A_long_list_written_in_several_flushes_is_written_as_System_Text_Json_writes_it()
    {
        var items = Enumerable.Range(0, 1000).Select(i => Item($"place-{i}", i % 3 == 0 ? $"note {i}" : "", Place($"Place {i}", "city", i / 11.0, -i / 7.0, i))).ToArray();

        await AssertWrittenAsSystemTextJsonAsync(List("A thousand", items));
    }

    [Fact]
    public async Task The_openapi_document_still_describes_a_lists_answer() =>
        Assert.EndsWith("/ListResponse", await HandWrittenJson.OpenApiSchemaAsync(fixture, "/api/lists/{listId}"));

    private Task AssertWrittenAsSystemTextJsonAsync(ListResponse list) =>
        HandWrittenJson.AssertWrittenAsSystemTextJsonAsync(fixture, list, (body, encoder) =>
            ListJsonWriter.WriteAsync(body, RenderedList.From(list, encoder), encoder, CancellationToken.None));

    private static ListResponse List(string title, ListItemResponse[] items) => new(
        "list-1", "user-1", title, "Dé<scrip>tion", "public", items, items.Length,
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), new DateTime(2026, 12, 5, 7, 57, 12, 120, DateTimeKind.Utc));

    private static ListItemResponse Item(string placeId, string note, PlaceSummaryResponse place) =>
        new(placeId, note, new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc).AddTicks(placeId.Length * 1_000_001L), place with { Id = placeId });

    private static PlaceSummaryResponse Place(string name, string subtitle, double latitude, double longitude, int count) =>
        new("", name, subtitle, "Ciudad de México", "Türkiye", new LocationResponse(latitude, longitude), new PlaceStatsResponse(count, count / 2, count / 3));
}
