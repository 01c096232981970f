using System.Security.Claims;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Paging;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>"Been here" and "want to go": the caller's own marks, and anyone's marks to read.</summary>
public static class MarkEndpoints
{
    public static IEndpointRouteBuilder MapMarks(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").WithTags("Marks").RequireAuthorization();
        foreach (var (segment, kind) in new[] { ("been-here", MarkKind.BeenHere), ("want-to-go", MarkKind.WantToGo) })
        {
            me.MapPut($"/{segment}/{{placeId}}", (string placeId, ClaimsPrincipal user, IGrainFactory grains, PlacePageCache pages) =>
                SetMark(placeId, kind, true, user, grains, pages)).RequireRateLimit(RateLimitRule.UserWrites);
            me.MapDelete($"/{segment}/{{placeId}}", (string placeId, ClaimsPrincipal user, IGrainFactory grains, PlacePageCache pages) =>
                SetMark(placeId, kind, false, user, grains, pages)).RequireRateLimit(RateLimitRule.UserWrites);
            me.MapGet($"/{segment}", (string? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains, PlacePageCache pages) =>
                ListMarks(user.UserId(), kind, limit, cursor, grains, pages));
            routes.MapGet($"/api/users/{{userId}}/{segment}", (string userId, string? limit, string? cursor, IGrainFactory grains, PlacePageCache pages) =>
                ListUserMarks(userId, kind, limit, cursor, grains, pages)).WithTags("Marks");
        }

        me.MapGet("/places/{placeId}", GetMyPlaceState);
        return routes;
    }

    private static async Task<Results<Ok<MarkResponse>, ProblemHttpResult>> SetMark(
        string placeId, MarkKind kind, bool marked, ClaimsPrincipal principal, IGrainFactory grains, PlacePageCache pages)
    {
        if (!PlaceSlug.IsValid(placeId))
        {
            return ProblemResults.NotFound("Place");
        }

        MarkOutcome outcome;
        try
        {
            outcome = await grains.GetGrain<IUserGrain>(principal.UserId()).SetMarkAsync(placeId, kind, marked);
        }
        finally
        {
            // Even after a failure: the mark may have been stored and counted.
            pages.Forget(placeId);
        }

        return outcome.PlaceStats is { } stats
            ? TypedResults.Ok(new MarkResponse(outcome.PlaceId, outcome.BeenHere, outcome.WantToGo, PlaceStatsResponse.From(stats)))
            : ProblemResults.NotFound("Place");
    }

    private static async Task<Results<Ok<UserPlaceResponse>, ProblemHttpResult>> GetMyPlaceState(
        string placeId, ClaimsPrincipal principal, IGrainFactory grains)
    {
        if (!PlaceSlug.IsValid(placeId) || await grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync() is null)
        {
            return ProblemResults.NotFound("Place");
        }

        var state = await grains.GetGrain<IUserGrain>(principal.UserId()).GetPlaceStateAsync(placeId);
        return TypedResults.Ok(new UserPlaceResponse(state.PlaceId, state.BeenHere, state.WantToGo, state.ListIds));
    }

    private static async Task<Results<Ok<Page<MarkedPlaceResponse>>, ValidationProblem, ProblemHttpResult>> ListUserMarks(
        string userId, MarkKind kind, string? limit, string? cursor, IGrainFactory grains, PlacePageCache pages)
    {
        if (!ServerIds.IsValid(userId) || await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is null)
        {
            return ProblemResults.NotFound("User");
        }

        return await ListMarks(userId, kind, limit, cursor, grains, pages);
    }

    /// <summary>The places come from the pages the gateway keeps, as fresh as a place page read now.</summary>
    private static async Task<Results<Ok<Page<MarkedPlaceResponse>>, ValidationProblem, ProblemHttpResult>> ListMarks(
        string userId, MarkKind kind, string? limit, string? cursor, IGrainFactory grains, PlacePageCache pages)
    {
        if (!PageRequest.TryParse(limit, cursor, out var page, out var errors))
        {
            return ProblemResults.Invalid(errors);
        }

        MarkCursor? after = null;
        if (page.Cursor is { } cursorText)
        {
            if (!CursorCodec.TryDecode(cursorText, out var ticks, out var placeId))
            {
                return ProblemResults.InvalidCursor();
            }

            after = new MarkCursor(ticks, placeId);
        }

        var marks = await grains.GetGrain<IUserGrain>(userId).GetMarksAsync(kind, after, page.Limit);
        var places = await Task.WhenAll(marks.Items.Select(mark => pages.GetAsync(mark.PlaceId)));
        var items = marks.Items.Zip(places)
            .Where(pair => pair.Second is not null)
            .Select(pair => new MarkedPlaceResponse(PlaceSummaryResponse.From(pair.Second!), pair.First.MarkedAt.UtcDateTime))
            .ToList();
        return TypedResults.Ok(new Page<MarkedPlaceResponse>(items, marks.Next is { } next ? CursorCodec.Encode(next.MarkedAtTicks, next.PlaceId) : null));
    }
}
