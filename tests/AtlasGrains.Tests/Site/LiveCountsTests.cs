using AtlasGrains.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AtlasGrains.Tests.Site;

/// <summary>Two readers on one place page, in separate browser profiles: one presses, the other sees it happen.</summary>
[Collection(SiteCollection.Name)]
public sealed class LiveCountsTests(SiteFixture fixture)
{
    [Fact]
    public async Task A_second_reader_sees_the_first_readers_mark_appear_live_without_a_reload()
    {
        var author = await Api.JoinAsync(fixture.Gateway, "Author");
        var placeId = await Api.CreatePlaceAsync(fixture.Gateway, author.Token, $"Singing dunes {Guid.NewGuid():N}");
        await using var marking = await fixture.NewContextAsync();
        await using var watching = await fixture.NewContextAsync();
        var marker = await marking.NewPageAsync();
        var watcher = await watching.NewPageAsync();
        await SiteReader.New("Marker").JoinAsync(marker);

        await watcher.GotoAsync($"/#/places/{placeId}");
        // The first event of the stream arrived: the watcher's gateway follows the place from now on.
        await Expect(watcher.GetByTestId("live")).ToBeVisibleAsync();
        await Expect(watcher.GetByTestId("been-here-count")).ToHaveTextAsync("0");
        await marker.GotoAsync($"/#/places/{placeId}");

        await marker.GetByTestId("been-here").ClickAsync();
        await Expect(marker.GetByTestId("been-here-count")).ToHaveTextAsync("1");
        await Expect(watcher.GetByTestId("been-here-count")).ToHaveTextAsync("1");
        await Screenshots.TakeAsync(watcher, "live-count-seen-by-a-second-reader");

        await marker.GetByTestId("add-to-list").ClickAsync();
        await marker.GetByLabel("New list title").FillAsync("Dunes");
        await marker.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Create list and add" }).ClickAsync();
        await Expect(watcher.GetByTestId("lists-count")).ToHaveTextAsync("1");

        await marker.GetByTestId("been-here").ClickAsync();
        await Expect(watcher.GetByTestId("been-here-count")).ToHaveTextAsync("0");
        await Expect(watcher.GetByTestId("been-here")).ToHaveAttributeAsync("aria-pressed", "false");
    }
}
