using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Operations;

[Collection(ClusterCollection.Name)]
public sealed class MetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Marks_and_place_commits_are_measured()
    {
        var measured = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AtlasMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
        var placeId = await TestData.CreatePlaceAsync(fixture.Grains);
        var user = fixture.Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(fixture.Grains));

        await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);

        Assert.True(measured.GetValueOrDefault("atlas.marks.changed") >= 1);
        Assert.True(measured.GetValueOrDefault("atlas.places.commit_batch_size") >= 1);
        Assert.True(measured.ContainsKey("atlas.outbox.backlog"));
    }
}
