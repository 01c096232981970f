using Orleans.Storage;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// The stock Azure Table grain storage, with a row key that names the grain as well as the state. The stock
/// provider keys a row by (ServiceId_grainId, stateName), so every subscriber's row has the row key "subscriber".
/// Azurite finds a row by its row key first and then checks the partition, so each read or write of one grain's
/// state scanned every grain of its type: at 20k subscribers a signup cost 20k row comparisons. A unique row key
/// costs nothing on Azure and makes each operation a lookup on Azurite. The data and serializer stay Orleans'.
/// </summary>
public sealed class RowPerGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>The state name the inner provider stores under, and so the row key: "{stateName}|{grain key}".</summary>
    public static string RowStateName(string stateName, GrainId grainId) => $"{stateName}|{grainId.Key}";

    /// <summary>The first row key after every row of this state name, for range queries over one grain type.</summary>
    public static string RowStateNameEnd(string stateName) => $"{stateName}}}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(RowStateName(stateName, grainId), grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(RowStateName(stateName, grainId), grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(RowStateName(stateName, grainId), grainId, grainState);
}
