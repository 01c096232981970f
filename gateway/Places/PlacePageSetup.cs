namespace AtlasGrains.Gateway.Places;

public static class PlacePageSetup
{
    /// <summary>The place-page cache (<see cref="PlacePageCache"/>) and its options ("PlacePages").</summary>
    public static IServiceCollection AddAtlasPlacePageCache(this IServiceCollection services)
    {
        services.AddOptions<PlacePageOptions>().BindConfiguration("PlacePages").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlacePageCache>();
        return services;
    }
}
