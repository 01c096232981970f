using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtlasGrains.Tests.Site;

/// <summary>Finding places on the site: the search box, its no-results state, the random-place link, the home page.</summary>
[Collection(SiteCollection.Name)]
public sealed class DiscoveryPageTests(SiteFixture fixture)
{
    [Fact]
    public async Task Search_finds_ALZHIR_and_says_so_when_nothing_matches()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var searchBox = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search places" });

        await searchBox.FillAsync("alzhir");
        await searchBox.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search results for “alzhir”" })).ToBeVisibleAsync();
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Link).First).ToHaveTextAsync("ALZHIR Memorial Museum");
        await Screenshots.TakeAsync(page, "search-alzhir");

        await searchBox.FillAsync("zzzz");
        await searchBox.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No search results found for \"zzzz\"" })).ToBeVisibleAsync();
        await Expect(results).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "search-no-results");

        await page.GoBackAsync();
        await Expect(results.GetByRole(AriaRole.Link).First).ToHaveTextAsync("ALZHIR Memorial Museum");
        await results.GetByRole(AriaRole.Link, new() { Name = "ALZHIR Memorial Museum" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/places/alzhir$"));
    }

    [Fact]
    public async Task The_random_place_link_opens_a_place_page_and_the_home_page_lists_places()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Popular places" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Random place", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/places/[a-z0-9-]+$"));
        await Expect(page.Locator("article.place h1")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("been-here")).ToBeVisibleAsync();
    }
}
