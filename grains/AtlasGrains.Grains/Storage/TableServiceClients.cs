using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Table clients that don't sign every request with the account key. Azure.Data.Tables signs each request with a new
/// <c>HMACSHA256</c> that it never disposes, and finalizing those handles took about a fifth of the silo's CPU under
/// load (bench S4's profile: <c>SafeHmacCtxHandle.ReleaseHandle</c> on the finalizer thread). So when the connection
/// string carries an account key, the client signs an account SAS with it once and sends that instead, renewed every
/// hour and valid for a day, so a clock step or a slow renewal never lets it lapse. Other connection strings (a SAS
/// already, no key) give the plain client.
/// </summary>
public static class TableServiceClients
{
    private static readonly TimeSpan SasLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan RenewalPeriod = TimeSpan.FromHours(1);

    /// <summary>Keeps each client's renewal timer alive exactly as long as the client.</summary>
    private static readonly ConditionalWeakTable<TableServiceClient, Timer> Renewals = new();

    public static TableServiceClient Create(string connectionString)
    {
        var keyed = new TableServiceClient(connectionString, Options());
        if (!TrySign(keyed, out var sas))
        {
            return keyed;
        }

        var credential = new AzureSasCredential(sas);
        var client = new TableServiceClient(keyed.Uri, credential, Options());
        Renewals.Add(client, new Timer(_ => credential.Update(Sign(keyed)), null, RenewalPeriod, RenewalPeriod));
        return client;
    }

    private static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new TransactionBodyPolicy(), HttpPipelinePosition.PerCall);
        return options;
    }

    private static bool TrySign(TableServiceClient keyed, out string sas)
    {
        try
        {
            sas = Sign(keyed);
            return true;
        }
        catch (InvalidOperationException)
        {
            // No account key to sign with.
            sas = "";
            return false;
        }
    }

    private static string Sign(TableServiceClient keyed) => keyed.GenerateSasUri(
        TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow + SasLifetime).Query;
}
