using AtlasGrains.Grains.Audit;

namespace AtlasGrains.Audit;

/// <summary>The audit's report for a person (and last lines a script can read).</summary>
internal static class AuditPrinter
{
    public static void Print(AuditReport report, TextWriter output)
    {
        foreach (var place in report.Places.Where(place => place.HasDifference))
        {
            output.WriteLine($"{State(place.HasDrift)} {place.PlaceId}: stored {place.Stored.BeenHere}/{place.Stored.WantToGo}/{place.Stored.Lists}, " +
                $"recounted {place.Recomputed.BeenHere}/{place.Recomputed.WantToGo}/{place.Recomputed.Lists} (been here/want to go/lists)");
            foreach (var mismatch in place.Mismatches)
            {
                output.WriteLine($"    {mismatch.Kind} {mismatch.MemberId}: {Mismatch(mismatch.InTruth)}");
            }
        }

        foreach (var newsletter in report.Newsletters.Where(newsletter => newsletter.HasDifference))
        {
            output.WriteLine($"{State(newsletter.HasDrift)} newsletter {newsletter.NewsletterId}: stored {newsletter.Stored}, recounted {newsletter.Recomputed} subscribers");
            foreach (var mismatch in newsletter.Mismatches)
            {
                output.WriteLine($"    subscriber {mismatch.SubscriberKey}: {Mismatch(mismatch.InTruth)}");
            }
        }

        output.WriteLine($"places audited: {report.Places.Count}, with drift: {report.Drifted.Count}, settling: {report.Settling.Count}");
        output.WriteLine($"newsletters audited: {report.Newsletters.Count}, with drift: {report.DriftedNewsletters.Count}, settling: {report.SettlingNewsletters.Count}");
        output.WriteLine($"changes in flight: {report.ChangesInFlight}");
    }

    private static string State(bool drift) => drift ? "DRIFT" : "settling";

    private static string Mismatch(bool inTruth) => inTruth ? "held, not counted" : "counted, not held";
}
