using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.Auth;

/// <summary>Bearer tokens ("Auth" section). Every gateway given the same key accepts the same tokens.</summary>
public sealed class AuthOptions
{
    /// <summary>HMAC-SHA256 key, at least 32 characters. The value in appsettings.json is a development default.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (environment: Auth__SigningKey), at least 32 characters.")]
    [MinLength(32, ErrorMessage = "Auth:SigningKey must be at least 32 characters.")]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "atlasgrains";

    [Required]
    public string Audience { get; set; } = "atlasgrains-api";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
