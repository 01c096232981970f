using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>Live counts over Server-Sent Events ("LiveStats" in configuration).</summary>
public sealed class LiveStatsOptions
{
    /// <summary>
    /// How often an idle stream gets a comment line, so proxies and browsers keep it open and a reader who left is
    /// noticed (the write fails).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the gateway renews its subscriptions to places; places forget one not renewed within two minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(30);
}
