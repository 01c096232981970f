using AtlasGrains.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AtlasGrains.Tests.Site;

/// <summary>Screenshots of the pages under test, kept as artifacts in TestResults/screenshots/ (test.sh keeps TestResults).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
