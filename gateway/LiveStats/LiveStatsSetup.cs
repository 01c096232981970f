namespace AtlasGrains.Gateway.LiveStats;

public static class LiveStatsSetup
{
    /// <summary>The hub that fans the places' count changes out to this gateway's event streams, and its renewal.</summary>
    public static IServiceCollection AddAtlasLiveStats(this IServiceCollection services)
    {
        services.AddOptions<LiveStatsOptions>().BindConfiguration("LiveStats").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlaceStatsHub>();
        services.AddHostedService<PlaceStatsRenewal>();
        return services;
    }
}
