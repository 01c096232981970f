using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AtlasGrains.Hosting.Telemetry;

public static class TelemetrySetup
{
    /// <summary>Our own meter: marks, list changes, group commits, outbox deliveries.</summary>
    public const string AtlasMeterName = "AtlasGrains";

    private static readonly string[] TraceSources =
    [
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
        "Azure.Data.Tables.*",
        "AtlasGrains.Storage",
    ];

    /// <summary>
    /// Traces (HTTP in, grain calls, Azure Table calls), metrics (ASP.NET Core, HTTP client, runtime, Orleans,
    /// ours) and logs with scopes, exported by OTLP and/or the console when configured.
    /// </summary>
    public static IHostApplicationBuilder AddAtlasTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        // The Azure SDK emits ActivitySource spans (one per storage operation) only when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var options = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry");

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            if (options.OtlpEndpoint is { } endpoint)
            {
                logging.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }
        });

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (options.RecordsTraces)
        {
            AddTracing(telemetry, options);
        }

        if (options.OtlpEndpoint is null && !options.Console)
        {
            // No exporter: a meter provider would still aggregate every Orleans and ASP.NET Core measurement (per
            // message, per request) and hold up to 2,000 points per instrument (14 MB in a silo) for no reader.
            return builder;
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", AtlasMeterName);
            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }

            if (options.Console)
            {
                metrics.AddConsoleExporter();
            }
        });
        return builder;
    }

    /// <summary>
    /// Spans of HTTP requests, grain calls and storage calls. Registered only when something records them: a listener
    /// makes Orleans create an activity for every grain call, even one its sampler drops, and carry its trace context
    /// in every message (bench/findings/mark-cpu.md, "No tracing machinery where nothing records traces").
    /// </summary>
    private static void AddTracing(OpenTelemetry.OpenTelemetryBuilder telemetry, TelemetryOptions options) =>
        telemetry.WithTracing(tracing =>
        {
            tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.EffectiveTraceSampleRatio)))
                .AddSource(TraceSources)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsHealthProbe(context))
                .AddHttpClientInstrumentation();
            if (options.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }

            if (options.Console)
            {
                tracing.AddConsoleExporter();
            }
        });

    private static bool IsHealthProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health");
}
