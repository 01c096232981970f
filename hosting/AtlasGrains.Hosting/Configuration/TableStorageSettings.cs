using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace AtlasGrains.Hosting.Configuration;

public static class TableStorageSettings
{
    /// <summary>"ConnectionStrings:Tables", checked now: missing or malformed stops the host with one clear line.</summary>
    public static string RequireConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Tables");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupConfigurationException(
                "ConnectionStrings:Tables (environment: ConnectionStrings__Tables) is not set: give an Azure Table connection string.");
        }

        try
        {
            _ = new TableServiceClient(connectionString);
            return connectionString;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StartupConfigurationException(
                "ConnectionStrings:Tables (environment: ConnectionStrings__Tables) is not a valid Azure Table connection string.");
        }
    }
}
