namespace AtlasGrains.Hosting.Telemetry;

/// <summary>Where telemetry goes ("Telemetry" section). Nothing is exported unless configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. http://127.0.0.1:4317); traces, metrics and logs go there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Writes traces and metrics to the console: the quickest way to see them locally.</summary>
    public bool Console { get; set; }

    /// <summary>
    /// The share of traces recorded, from 0 to 1 (a trace whose caller recorded it is always recorded). Unset: all of
    /// them when an exporter is configured, none otherwise, since nothing would read them and recording every request's
    /// spans costs CPU on the hot path.
    /// </summary>
    public double? TraceSampleRatio { get; set; }

    /// <summary>
    /// Whether the process traces at all: with an exporter, or with a share of traces asked for (an exporter added in
    /// code, as the tests do). Otherwise nothing would read the spans.
    /// </summary>
    public bool RecordsTraces => OtlpEndpoint is not null || Console || TraceSampleRatio > 0;

    public double EffectiveTraceSampleRatio => TraceSampleRatio ?? (OtlpEndpoint is not null || Console ? 1.0 : 0.0);
}
