using AtlasGrains.Tests.Discovery;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AtlasGrains.Tests.Site;

/// <summary>
/// The site in a real browser: a cluster and gateway of their own (so the seed place's counts move only through these
/// tests), a mail sink for the newsletter, and Debian's Chromium driven by Playwright, headless. Playwright's own
/// browser downloads are never used: the browser is the system's, installed by .ci/run.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private AtlasCluster? _cluster;
    private GatewayHost? _gateway;
    private MailSink? _mail;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    public MailSink Mail => _mail ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's package (apt-get install -y chromium), as .ci/run does.");
        }

        _mail = await MailSink.StartAsync();
        _cluster = await AtlasCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _mail.Port.ToString(),
        });
        _gateway = await GatewayHost.StartAsync(_cluster);
        // The seed places are in the discovery views (search, nearby, related) before any page asks for them.
        await DiscoveryApi.EventuallyAsync(_gateway, "/api/search?q=alzhir", answer => answer.Ids().Contains("alzhir"));
        await DiscoveryApi.EventuallyAsync(_gateway, "/api/places/alzhir/related", answer => answer.Ids().Contains("karlag"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        // A loaded 2-core CI machine runs two clusters, a gateway and a browser at once: be patient, not sleepy.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>A fresh browser profile (its own storage, so its own signed-in reader) on the site.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Gateway.Address.ToString() });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_gateway is not null) await _gateway.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_mail is not null) await _mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "site";
}
