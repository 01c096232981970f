using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Silo.Hosting;

/// <summary>The silo's identity and endpoints ("Orleans" section).</summary>
public sealed class SiloHostOptions
{
    [Required, RegularExpression("^[A-Za-z0-9-_.]{1,64}$", ErrorMessage = "Orleans:ClusterId must be 1-64 letters, digits, '-', '_' or '.'.")]
    public string ClusterId { get; set; } = "atlas-local";

    [Required, RegularExpression("^[A-Za-z0-9-_.]{1,64}$", ErrorMessage = "Orleans:ServiceId must be 1-64 letters, digits, '-', '_' or '.'.")]
    public string ServiceId { get; set; } = "atlasgrains";

    /// <summary>The address other silos and clients use: an IP address, or a host name resolved at start-up (as in containers).</summary>
    [Required]
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "Orleans:SiloPort must be a TCP port (1-65535).")]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535, ErrorMessage = "Orleans:GatewayPort must be a TCP port (1-65535).")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Listen on every interface while advertising one address (containers); off locally (loopback only).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
