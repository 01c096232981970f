using System.Reflection;
using System.Text.Json;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>
/// Writes a place's counts as Server-Sent Events: <c>event: stats</c> with <c>{beenHere, wantToGo, lists}</c> at once,
/// then one per change, and a comment line as a heartbeat while nothing changes. Written by hand rather than with
/// <c>TypedResults.ServerSentEvents</c> because that formatter has no way to write a comment.
/// </summary>
public sealed class PlaceStatsEventStream(PlaceStatsStream stream) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext context)
    {
        using var _ = stream;
        var services = context.RequestServices;
        var heartbeatPeriod = services.GetRequiredService<IOptions<LiveStatsOptions>>().Value.HeartbeatPeriod;
        var json = services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        // A stopping gateway ends its streams at once instead of waiting for readers to leave (they reconnect elsewhere).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var response = context.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // Proxies that buffer (nginx) pass each event on at once.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        using var heartbeat = new PeriodicTimer(heartbeatPeriod, services.GetRequiredService<TimeProvider>());
        Task<bool>? update = null;
        Task<bool>? beat = null;
        try
        {
            await response.StartAsync(ending.Token);
            while (true)
            {
                update ??= stream.Updates.WaitToReadAsync(ending.Token).AsTask();
                beat ??= heartbeat.WaitForNextTickAsync(ending.Token).AsTask();
                if (await Task.WhenAny(update, beat) == beat)
                {
                    if (!await beat)
                    {
                        return;
                    }

                    beat = null;
                    await WriteAsync(response, ": heartbeat\n\n", ending.Token);
                    continue;
                }

                if (!await update)
                {
                    return;
                }

                update = null;
                while (stream.Updates.TryRead(out var stats))
                {
                    await WriteAsync(response, StatsEvent(stats, json), ending.Token);
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The reader left or the gateway is stopping: the stream just ends.
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PlaceStatsResponse), [ContentType]));

    private static string StatsEvent(PlaceStats stats, JsonSerializerOptions json) =>
        $"event: stats\ndata: {JsonSerializer.Serialize(PlaceStatsResponse.From(stats), json)}\n\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
