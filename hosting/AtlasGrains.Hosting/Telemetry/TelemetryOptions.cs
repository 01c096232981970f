namespace AtlasGrains.Hosting.Telemetry;

/// <summary>Where telemetry goes ("Telemetry" section). Nothing is exported unless configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. http://127.0.0.1:4317); traces, metrics and logs go there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Writes traces and metrics to the console: the quickest way to see them locally.</summary>
    public bool Console { get; set; }
}
