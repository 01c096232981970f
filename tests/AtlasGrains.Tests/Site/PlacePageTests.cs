using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtlasGrains.Tests.Site;

/// <summary>A reader's way through the site in Chromium: join, sign in, ALZHIR's page and its buttons, lists.</summary>
[Collection(SiteCollection.Name)]
public sealed class PlacePageTests(SiteFixture fixture)
{
    [Fact]
    public async Task A_reader_joins_signs_in_marks_ALZHIR_been_here_and_the_mark_is_kept_after_a_reload()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var reader = SiteReader.New("Ann");
        await reader.JoinAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await reader.SignInAsync(page, password: "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email address or the password is wrong.");
        await reader.SignInAsync(page);
        await Expect(page.GetByText("Signed in as Ann")).ToBeVisibleAsync();

        await page.GotoAsync("/#/places/alzhir");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ALZHIR Memorial Museum", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".coordinates")).ToHaveTextAsync("51.0731, 70.9792");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "gulag" })).ToBeVisibleAsync();
        await Expect(page.Locator(".nearby-list li").First).ToContainTextAsync("miles away");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Related places" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        var beenHere = page.GetByTestId("been-here");
        var count = page.GetByTestId("been-here-count");
        await Expect(beenHere).ToHaveAttributeAsync("aria-pressed", "false");
        var before = int.Parse(await count.TextContentAsync() ?? "");

        await beenHere.ClickAsync();
        await Expect(count).ToHaveTextAsync($"{before + 1}");
        await Expect(beenHere).ToHaveAttributeAsync("aria-pressed", "true");
        await Screenshots.TakeAsync(page, "alzhir-been-here");

        await page.ReloadAsync();
        await Expect(count).ToHaveTextAsync($"{before + 1}");
        await Expect(beenHere).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByText("Signed in as Ann")).ToBeVisibleAsync();

        await beenHere.ClickAsync();
        await Expect(count).ToHaveTextAsync($"{before}");
        await Expect(beenHere).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task A_reader_adds_ALZHIR_to_a_new_list_and_finds_it_in_my_lists()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SiteReader.New("Lister").JoinAsync(page);
        await page.GotoAsync("/#/places/alzhir");
        var listsCount = page.GetByTestId("lists-count");
        await Expect(listsCount).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+$"));
        var before = int.Parse(await listsCount.TextContentAsync() ?? "");

        await page.GetByTestId("add-to-list").ClickAsync();
        await page.GetByLabel("New list title").FillAsync("Steppe memorials");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create list and add" }).ClickAsync();
        await Expect(page.Locator(".place-actions .message")).ToHaveTextAsync("Added to “Steppe memorials”.");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Steppe memorials" })).ToBeCheckedAsync();
        await Expect(listsCount).ToHaveTextAsync($"{before + 1}");
        await Screenshots.TakeAsync(page, "alzhir-added-to-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "My lists" }).ClickAsync();
        var mine = page.GetByRole(AriaRole.List, new() { Name = "My lists" });
        await Expect(mine.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(mine).ToContainTextAsync("Steppe memorials 1 place · public");
        await mine.GetByRole(AriaRole.Link, new() { Name = "Steppe memorials" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Places in this list" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(new[] { "ALZHIR Memorial Museum" });
        await Screenshots.TakeAsync(page, "my-list");
    }

    [Fact]
    public async Task Pressing_a_button_signed_out_asks_to_sign_in_and_changes_nothing()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/#/places/alzhir");
        var count = page.GetByTestId("want-to-go-count");
        await Expect(count).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+$"));
        var before = await count.TextContentAsync();

        await page.GetByTestId("want-to-go").ClickAsync();
        await Expect(page.Locator(".place-actions .message")).ToHaveTextAsync("Sign in or join to mark places and keep lists.");
        await Expect(count).ToHaveTextAsync(before!);
        await Expect(page.GetByTestId("want-to-go")).ToHaveAttributeAsync("aria-pressed", "false");
    }
}
