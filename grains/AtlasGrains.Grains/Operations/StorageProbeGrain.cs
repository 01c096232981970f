using AtlasGrains.Abstractions.Operations;
using AtlasGrains.Grains.Storage;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Operations;

[GrainType("storage-probe")]
[StatelessWorker]
public sealed class StorageProbeGrain(AtlasTables tables) : Grain, IStorageProbeGrain
{
    public async Task ProbeAsync()
    {
        var table = await tables.UserMarksAsync(bucket: 0);
        await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("probe", "probe");
    }
}
