using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// The baseline K: a bare ASP.NET Core endpoint on 127.0.0.1 that returns a fixed JSON body as large as a discovery
/// page. What the machine, Kestrel and the client cost with no Orleans, index or storage behind them.
/// </summary>
internal sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrel(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public static async Task<BareKestrel> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/page", () => Microsoft.AspNetCore.Http.Results.Text(body, "application/json"));
        await app.StartAsync();
        return new BareKestrel(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
