using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Grains.Audit;

/// <summary>
/// Repairs drift through the grains, never by writing counts directly: each owner of a disagreeing relation
/// sends its current truth again under a new version (so the place or newsletter applies it like any change),
/// then each drifted place or newsletter recounts its counts row from its relation rows.
/// </summary>
public sealed class AuditRepair(IGrainFactory grains)
{
    /// <summary>Repairs every drifted place and newsletter of the report; answers how many relations were sent again.</summary>
    public async Task<int> RepairAsync(AuditReport report)
    {
        var resent = 0;
        foreach (var place in report.Drifted)
        {
            foreach (var mismatch in place.Mismatches)
            {
                await (mismatch.Kind switch
                {
                    RelationKind.BeenHere => grains.GetGrain<IUserGrain>(mismatch.MemberId).ResendMarkAsync(place.PlaceId, MarkKind.BeenHere),
                    RelationKind.WantToGo => grains.GetGrain<IUserGrain>(mismatch.MemberId).ResendMarkAsync(place.PlaceId, MarkKind.WantToGo),
                    RelationKind.List => grains.GetGrain<IListGrain>(mismatch.MemberId).ResendItemAsync(place.PlaceId),
                    _ => Task.CompletedTask,
                });
                resent++;
            }

            await grains.GetGrain<IPlaceGrain>(place.PlaceId).RecountAsync();
        }

        foreach (var newsletter in report.DriftedNewsletters)
        {
            foreach (var mismatch in newsletter.Mismatches)
            {
                await grains.GetGrain<ISubscriberGrain>(mismatch.SubscriberKey).ResendCountAsync(newsletter.NewsletterId);
                resent++;
            }

            await grains.GetGrain<INewsletterGrain>(newsletter.NewsletterId).RecountAsync();
        }

        return resent;
    }
}
