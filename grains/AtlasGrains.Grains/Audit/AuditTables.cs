using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Audit;

/// <summary>The tables of one deployment (by prefix), read row by row for the audit, bypassing the grains.</summary>
internal sealed class AuditTables(TableServiceClient tables, string tablePrefix)
{
    /// <summary>Every row of every bucket table of one kind (<see cref="Storage.AtlasTables.BucketTables"/>), bucket by bucket.</summary>
    public async IAsyncEnumerable<TableEntity> BucketRowsAsync(
        string baseName, int buckets, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var table in Storage.AtlasTables.BucketTables(baseName, buckets))
        {
            await foreach (var row in RowsAsync(table, cancellationToken: cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <summary>Every row of one table (those matching <paramref name="filter"/>); none when the table was never created.</summary>
    public async IAsyncEnumerable<TableEntity> RowsAsync(
        string baseName, string? filter = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = tables.GetTableClient(tablePrefix + baseName)
            .QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                yield break;
            }

            yield return rows.Current;
        }
    }
}
