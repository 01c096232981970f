using System.Diagnostics.Metrics;
using AtlasGrains.Grains.Diagnostics;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Observes the silos' "atlas.mail.sent" measurements, to know a send was tried and failed.</summary>
public static class MailOutcomes
{
    public static MeterListener OnFailure(TaskCompletionSource failed)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AtlasMetrics.MeterName && instrument.Name == "atlas.mail.sent")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome" && Equals(tag.Value, "failed"))
                {
                    failed.TrySetResult();
                }
            }
        });
        listener.Start();
        return listener;
    }
}
