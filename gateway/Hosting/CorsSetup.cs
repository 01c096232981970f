namespace AtlasGrains.Gateway.Hosting;

public static class CorsSetup
{
    /// <summary>
    /// The site's origins ("Cors:AllowedOrigins") may call the API from a browser, with the bearer header;
    /// Location and Retry-After are readable by scripts. No origins configured: no cross-origin access.
    /// </summary>
    public static IServiceCollection AddAtlasCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Scheme is not ("http" or "https"))
            {
                throw new AtlasGrains.Hosting.Configuration.StartupConfigurationException(
                    $"Cors:AllowedOrigins entry '{origin}' must be an origin such as https://example.org (scheme, host, optional port).");
            }
        }

        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithHeaders("Authorization", "Content-Type")
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithExposedHeaders("Location", "Retry-After")));
        return services;
    }
}
