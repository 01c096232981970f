using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Silo.Dashboard;

/// <summary>Who may open the Orleans Dashboard ("Dashboard" section): one operator account, HTTP Basic over the silo's port.</summary>
public sealed class DashboardAccessOptions
{
    [Required(ErrorMessage = "Dashboard:Username is required (environment: Dashboard__Username).")]
    public string Username { get; set; } = "";

    [Required(ErrorMessage = "Dashboard:Password is required (environment: Dashboard__Password).")]
    [MinLength(12, ErrorMessage = "Dashboard:Password must be at least 12 characters.")]
    public string Password { get; set; } = "";
}
