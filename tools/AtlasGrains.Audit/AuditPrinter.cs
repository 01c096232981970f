using AtlasGrains.Grains.Audit;

namespace AtlasGrains.Audit;

/// <summary>The audit's report for a person (and a last line a script can read).</summary>
internal static class AuditPrinter
{
    public static void Print(AuditReport report, TextWriter output)
    {
        foreach (var place in report.Places.Where(place => place.HasDifference))
        {
            var state = place.HasDrift ? "DRIFT" : "settling";
            output.WriteLine($"{state} {place.PlaceId}: stored {place.Stored.BeenHere}/{place.Stored.WantToGo}/{place.Stored.Lists}, " +
                $"recounted {place.Recomputed.BeenHere}/{place.Recomputed.WantToGo}/{place.Recomputed.Lists} (been here/want to go/lists)");
            foreach (var mismatch in place.Mismatches)
            {
                output.WriteLine($"    {mismatch.Kind} {mismatch.MemberId}: " + (mismatch.InTruth ? "held, not counted" : "counted, not held"));
            }
        }

        output.WriteLine($"places audited: {report.Places.Count}, with drift: {report.Drifted.Count}, settling: {report.Settling.Count}, changes in flight: {report.ChangesInFlight}");
    }
}
