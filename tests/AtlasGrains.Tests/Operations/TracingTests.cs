using System.Diagnostics;
using System.Net;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Operations;

/// <summary>One request is one trace: the gateway span, the grain calls it made, and the storage calls they made.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TracingTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_mark_is_one_trace_from_http_through_grains_to_table_storage()
    {
        var spans = new LockedCollection<Activity>();
        // No exporter is configured, so by default nothing would be recorded: ask for every trace.
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { ["Telemetry:TraceSampleRatio"] = "1" }, builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var reader = await Api.JoinAsync(gateway);
        var placeId = await Api.CreatePlaceAsync(gateway, reader.Token);

        var response = await gateway.Client(reader.Token).PutAsync($"/api/me/been-here/{placeId}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await WaitForTraceAsync(spans, $"/api/me/been-here/{placeId}");
        trace.ForEach(span => output.WriteLine($"{span.Source.Name}: {span.DisplayName} ({span.Kind})"));
        Assert.Contains(trace, span => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server);
        Assert.Contains(trace, span => span.Source.Name.StartsWith("Microsoft.Orleans") && span.DisplayName.Contains("IUserGrain/SetMarkAsync"));
        Assert.Contains(trace, span => span.Source.Name.StartsWith("Microsoft.Orleans") && span.DisplayName.Contains("IPlaceGrain/ApplyRelationChangesAsync"));
        Assert.Contains(trace, span => IsTableStorageCall(span) && span.GetTagItem("http.request.method") as string == "POST");
        Assert.DoesNotContain(trace, span => span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(reader.Email) == true));
    }

    private static bool IsTableStorageCall(Activity span) =>
        span.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)
        || (span.Kind == ActivityKind.Client && span.GetTagItem("url.full") is string url && url.Contains("/devstoreaccount1/"));

    /// <summary>The spans sharing the trace of the request to this path; waits for the server span to end.</summary>
    private static async Task<List<Activity>> WaitForTraceAsync(LockedCollection<Activity> spans, string path)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = spans.Snapshot();
            var server = snapshot.FirstOrDefault(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == path);
            if (server is not null)
            {
                return [.. snapshot.Where(span => span.TraceId == server.TraceId)];
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
