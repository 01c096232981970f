using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtlasGrains.Tests.Site;

/// <summary>A reader of the site and what they do through its pages (the forms, as a person fills them in).</summary>
public sealed record SiteReader(string DisplayName, string Email, string Password)
{
    public static SiteReader New(string displayName) =>
        new(displayName, $"{Guid.NewGuid():N}@example.com", "correct horse battery");

    public async Task JoinAsync(IPage page)
    {
        await page.GotoAsync("/#/join");
        var form = page.Locator("form.auth");
        await form.GetByLabel("Display name").FillAsync(DisplayName);
        await form.GetByLabel("Email").FillAsync(Email);
        await form.GetByLabel("Password").FillAsync(Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(page.GetByText($"Signed in as {DisplayName}")).ToBeVisibleAsync();
    }

    public async Task SignInAsync(IPage page, string? password = null)
    {
        await page.GotoAsync("/#/signin");
        var form = page.Locator("form.auth");
        await form.GetByLabel("Email").FillAsync(Email);
        await form.GetByLabel("Password").FillAsync(password ?? Password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
