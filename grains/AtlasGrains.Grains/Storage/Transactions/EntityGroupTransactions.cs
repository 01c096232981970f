using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// Where our writers submit entity-group transactions: through <see cref="DirectTransactions"/> for a table that
/// <see cref="TableServiceClients.TableOf"/> gave out from a client signing an account SAS (every keyed connection
/// string), else through Azure.Data.Tables. The answer is the same either way: one response per action, or the SDK's
/// exceptions.
/// </summary>
public static class EntityGroupTransactions
{
    private static readonly ConditionalWeakTable<TableClient, DirectTransactions> Direct = new();

    /// <summary>Submits the actions as one transaction; the same contract as <see cref="TableClient.SubmitTransactionAsync"/>.</summary>
    public static async Task<IReadOnlyList<Response>> SubmitEntityGroupAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        Direct.TryGetValue(table, out var direct)
            ? await direct.SubmitAsync(table.Name, actions, cancellationToken)
            : (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;

    /// <summary>Sends this table's transactions through <paramref name="direct"/> from now on.</summary>
    internal static void Bind(TableClient table, DirectTransactions direct) => Direct.AddOrUpdate(table, direct);
}
