using System.ComponentModel.DataAnnotations;
using AtlasGrains.Hosting.Configuration;

namespace AtlasGrains.Silo.Hosting;

/// <summary>
/// Binds and validates a settings section while the host is being built. Orleans wiring reads some settings
/// before the options system validates anything, and a bad value must stop the silo with one clear line.
/// </summary>
internal static class StartupOptions
{
    public static T BindAndValidate<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new StartupConfigurationException(string.Join(" ", results.Select(result => result.ErrorMessage)));
        }

        return options;
    }
}
