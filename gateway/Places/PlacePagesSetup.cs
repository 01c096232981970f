namespace AtlasGrains.Gateway.Places;

public static class PlacePagesSetup
{
    /// <summary>The gateway's copies of place pages, dropped whenever a silo leaves the cluster or the connection to one is lost.</summary>
    public static IServiceCollection AddAtlasPlacePages(this IServiceCollection services)
    {
        services.AddOptions<PlacePagesOptions>().BindConfiguration("PlacePages").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlacePageCache>();
        services.AddHostedService<SiloLossWatch>();
        // The Orleans client calls every registered handler when it opens or loses a connection to a silo: the silo it
        // sends through, so a death of that one is known at once, before the watch's next look.
        services.AddSingleton<GatewayCountChangedHandler>(provider =>
        {
            var pages = provider.GetRequiredService<PlacePageCache>();
            return (_, change) =>
            {
                if (change.NumberOfConnectedGateways < change.PreviousNumberOfConnectedGateways)
                {
                    pages.ForgetAll();
                }
            };
        });
        return services;
    }
}
