using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using AtlasGrains.Grains.Storage.Transactions;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Table clients that don't sign every request with the account key. Azure.Data.Tables signs each request with a new
/// <c>HMACSHA256</c> that it never disposes, and finalizing those handles took about a fifth of the silo's CPU under
/// load (bench S4's profile: <c>SafeHmacCtxHandle.ReleaseHandle</c> on the finalizer thread). So when the connection
/// string carries an account key, the client signs an account SAS with it once and sends that instead, renewed every
/// hour and valid for a day, so a clock step or a slow renewal never lets it lapse. Other connection strings (a SAS
/// already, no key) give the plain client. The tables it gives out (<see cref="TableOf"/>) send their
/// entity-group transactions with the same SAS, without the SDK's transaction code (<see cref="EntityGroupTransactions"/>).
/// </summary>
public static class TableServiceClients
{
    private static readonly TimeSpan SasLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan RenewalPeriod = TimeSpan.FromHours(1);

    /// <summary>Keeps each client's renewal timer alive exactly as long as the client.</summary>
    private static readonly ConditionalWeakTable<TableServiceClient, Timer> Renewals = new();

    /// <summary>Each client's sender of entity-group transactions, with the client's SAS and options.</summary>
    private static readonly ConditionalWeakTable<TableServiceClient, DirectTransactions> Transactions = new();

    /// <param name="connectionString">The account's connection string.</param>
    /// <param name="configure">Adds to the clients' options (the tests count requests with it).</param>
    public static TableServiceClient Create(string connectionString, Action<TableClientOptions>? configure = null)
    {
        var keyed = new TableServiceClient(connectionString, Options(configure));
        if (!TrySign(keyed, out var sas))
        {
            return keyed;
        }

        var credential = new AzureSasCredential(sas);
        var options = Options(configure);
        var client = new TableServiceClient(keyed.Uri, credential, options);
        Renewals.Add(client, new Timer(_ => credential.Update(Sign(keyed)), null, RenewalPeriod, RenewalPeriod));
        Transactions.Add(client, new DirectTransactions(keyed.Uri, credential, options));
        return client;
    }

    /// <summary>
    /// One of the service's tables, whose entity-group transactions (<see cref="EntityGroupTransactions"/>) skip the
    /// SDK's own when the service signs an account SAS.
    /// </summary>
    public static TableClient TableOf(TableServiceClient service, string name)
    {
        var table = service.GetTableClient(name);
        if (Transactions.TryGetValue(service, out var direct))
        {
            EntityGroupTransactions.Bind(table, direct);
        }

        return table;
    }

    private static TableClientOptions Options(Action<TableClientOptions>? configure)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new TransactionBodyPolicy(), HttpPipelinePosition.PerCall);
        configure?.Invoke(options);
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
