using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Grains.Mail;

/// <summary>Where mail goes ("Smtp" section): locally and in tests a sink that keeps every message.</summary>
public sealed class SmtpOptions
{
    [Required(ErrorMessage = "Smtp:Host is required (environment: Smtp__Host).")]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be a TCP port (1-65535).")]
    public int Port { get; set; } = 2525;

    /// <summary>Use STARTTLS when the server offers it (a real relay); local sinks offer none.</summary>
    public bool UseStartTls { get; set; }

    [Required(ErrorMessage = "Smtp:From is required (environment: Smtp__From).")]
    public string From { get; set; } = "AtlasGrains <newsletters@atlasgrains.example>";

    /// <summary>The site's public address, for the links in mails (confirm, unsubscribe).</summary>
    [Required(ErrorMessage = "Smtp:PublicBaseUrl is required (environment: Smtp__PublicBaseUrl).")]
    [Url(ErrorMessage = "Smtp:PublicBaseUrl must be an absolute URL.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
