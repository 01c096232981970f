using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Operations;

/// <summary>A real silo process: it joins over Azure Table membership, serves health, and guards its dashboard.</summary>
public sealed class SiloHostTests
{
    [Fact]
    public async Task A_silo_serves_health_and_its_dashboard_only_to_the_operator()
    {
        var azurite = await Azurite.SharedAsync();
        var identity = ClusterIdentity.New();
        var httpPort = FreePort.Next();
        await using var silo = HostProcess.Start("Silo", new Dictionary<string, string>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = identity.TablePrefix,
            ["Orleans:ClusterId"] = identity.ClusterId,
            ["Orleans:ServiceId"] = identity.ServiceId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["Dashboard:Username"] = "operator",
            ["Dashboard:Password"] = "a-test-password-long-enough",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };

        await WaitUntilServingAsync(http, silo);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var anonymous = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, "/dashboard/", "operator", "wrong-password")).StatusCode);
        var dashboard = await SendAsync(http, "/dashboard/", "operator", "a-test-password-long-enough");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http.SendAsync(request);
    }

    /// <summary>The silo answers HTTP once it has joined its cluster; waits for that (or for it to die).</summary>
    private static async Task WaitUntilServingAsync(HttpClient http, HostProcess silo)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.True(silo.ExitCode is null, $"The silo exited with {silo.ExitCode}:\n{silo.Output}");
            try
            {
                if ((await http.GetAsync("/health/live", deadline.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
