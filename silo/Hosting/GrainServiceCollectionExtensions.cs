using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Discovery;
using AtlasGrains.Grains.Discovery.Index;
using AtlasGrains.Grains.Mail;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Silo.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>The services the grains depend on, bound and validated from configuration.</summary>
    public static IServiceCollection AddAtlasGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AtlasStorageOptions>()
            .Configure(options =>
            {
                options.ConnectionString = configuration.GetConnectionString("Tables") ?? "";
                options.TablePrefix = configuration["Storage:TablePrefix"] ?? "";
                options.TransactionsInFlight = configuration.GetValue("Storage:TransactionsInFlight", options.TransactionsInFlight);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<MarkDeliveryOptions>().BindConfiguration("MarkDelivery").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AtlasTables>();
        services.AddSingleton<AtlasMetrics>();
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<SubscriptionMails>();
        services.AddSingleton(new AtlasClock(TimeProvider.System));
        services.AddOptions<DiscoveryOptions>().BindConfiguration("Discovery").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PlaceJournalOptions>().BindConfiguration("PlaceJournal").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlaceIndex>();
        services.AddSingleton<CatalogReader>();
        services.AddHostedService<IndexFollower>();
        services.AddSingleton<StatsAggregator>();
        services.AddHostedService(provider => provider.GetRequiredService<StatsAggregator>());
        services.AddSingleton<PendingOwners>();
        services.AddSingleton<UserPartitions>();
        services.AddSingleton<NewUserGuesses>();
        services.AddSingleton<PlaceRelationBuckets>();
        services.AddHostedService<PendingOwnersSweepStart>();
        return services;
    }
}
