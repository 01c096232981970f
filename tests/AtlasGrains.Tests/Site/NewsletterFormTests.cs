using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtlasGrains.Tests.Site;

/// <summary>The footer's newsletter form: one thank-you whatever the address, and the mailed link confirms on the site.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class NewsletterFormTests(SiteFixture fixture)
{
    private const string ThankYou = "Thanks for signing up! Check your inbox for an email to confirm your subscription.";

    [Fact]
    public async Task Every_address_gets_the_same_thank_you_and_the_mailed_link_confirms_the_subscription()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var email = $"{Guid.NewGuid():N}@example.com";

        // A new address, the same one again (now pending), and another new one: the page can't tell them apart.
        foreach (var address in new[] { email, email.ToUpperInvariant(), $"{Guid.NewGuid():N}@example.com" })
        {
            await page.ReloadAsync();
            await page.GetByLabel("Email address").FillAsync(address);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            await Expect(page.Locator(".newsletter .form-message")).ToHaveTextAsync(ThankYou);
        }

        await Screenshots.TakeAsync(page, "newsletter-thank-you");

        var confirmation = (await fixture.Mail.WaitForAsync(email, mail => mail.Subject?.StartsWith("Confirm", StringComparison.Ordinal) == true)).Single();
        var link = new Uri(ConfirmLink().Match(confirmation.TextBody ?? "").Value);
        await page.GotoAsync(link.PathAndQuery);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You’re subscribed. Thank you for confirming!");
        await Screenshots.TakeAsync(page, "newsletter-confirmed");
    }

    [Fact]
    public async Task An_address_the_API_refuses_gets_its_reason_in_words()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        var message = page.Locator(".newsletter .form-message");
        await Expect(message).ToHaveAttributeAsync("data-kind", "error");
        await Expect(message).Not.ToHaveTextAsync(ThankYou);
        await Expect(message).ToContainTextAsync("email");
    }

    [GeneratedRegex(@"http\S+/newsletters/confirm\?token=\S+")]
    private static partial Regex ConfirmLink();
}
