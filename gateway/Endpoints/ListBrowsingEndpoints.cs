using System.Security.Claims;
using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Lists;
using AtlasGrains.Gateway.Paging;
using AtlasGrains.Gateway.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>Paged list summaries: mine, a user's (public ones, all of them for the owner), and the public lists holding a place.</summary>
public static class ListBrowsingEndpoints
{
    public static IEndpointRouteBuilder MapListBrowsing(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me/lists", (string? limit, string? cursor, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache contentsCache) =>
            UserListsAsync(principal.UserId(), includePrivate: true, limit, cursor, grains, contentsCache)).WithTags("Lists").RequireAuthorization();
        routes.MapGet("/api/users/{userId}/lists", GetUserLists).WithTags("Lists");
        routes.MapGet("/api/places/{id}/lists", GetPlaceLists).WithTags("Lists");
        return routes;
    }

    private static async Task<Results<Ok<Page<ListSummaryResponse>>, ValidationProblem, ProblemHttpResult>> GetUserLists(
        string userId, string? limit, string? cursor, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache contentsCache)
    {
        if (!ServerIds.IsValid(userId) || await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is null)
        {
            return ProblemResults.NotFound("User");
        }

        return await UserListsAsync(userId, ListViews.IsCaller(principal, userId), limit, cursor, grains, contentsCache);
    }

    private static async Task<Results<Ok<Page<ListSummaryResponse>>, ValidationProblem, ProblemHttpResult>> UserListsAsync(
        string userId, bool includePrivate, string? limit, string? cursor, IGrainFactory grains, ListContentsCache contentsCache)
    {
        if (!PageRequest.TryParse(limit, cursor, out var page, out var errors))
        {
            return ProblemResults.Invalid(errors);
        }

        ListCursor? after = null;
        if (page.Cursor is { } text)
        {
            if (!CursorCodec.TryDecode(text, out var ticks, out var listId))
            {
                return ProblemResults.InvalidCursor();
            }

            after = new ListCursor(ticks, listId);
        }

        var lists = await grains.GetGrain<IUserGrain>(userId).GetListsAsync(includePrivate, after, page.Limit);
        var items = await ListViews.SummariesAsync(grains, contentsCache, lists.Items);
        return TypedResults.Ok(new Page<ListSummaryResponse>(items, lists.Next is { } next ? CursorCodec.Encode(next.CreatedAtTicks, next.ListId) : null));
    }

    private static async Task<Results<Ok<Page<ListSummaryResponse>>, ValidationProblem, ProblemHttpResult>> GetPlaceLists(
        string id, string? limit, string? cursor, IGrainFactory grains, ListContentsCache contentsCache)
    {
        if (!PageRequest.TryParse(limit, cursor, out var page, out var errors))
        {
            return ProblemResults.Invalid(errors);
        }

        string? afterListId = null;
        if (page.Cursor is { } text)
        {
            if (!CursorCodec.TryDecode(text, out _, out var listId))
            {
                return ProblemResults.InvalidCursor();
            }

            afterListId = listId;
        }

        var place = grains.GetGrain<IPlaceGrain>(id);
        if (!PlaceSlug.IsValid(id) || await place.GetStatsAsync() is null)
        {
            return ProblemResults.NotFound("Place");
        }

        // Lists holding the place, in id order; the private ones are dropped, so a page may hold fewer than
        // "limit" items while a next cursor still says there is more.
        var listIds = await place.GetListsAsync(afterListId, page.Limit);
        var contents = await Task.WhenAll(listIds.Select(listId => contentsCache.GetAsync(listId)));
        var metas = await Task.WhenAll(contents.Select(list => list is null
            ? Task.FromResult<ListMeta?>(null)
            : grains.GetGrain<IUserGrain>(list.OwnerId).GetListAsync(list.ListId)));
        var items = contents.Zip(metas)
            .Where(pair => pair.First is not null && pair.Second is { IsPublic: true })
            .Select(pair => ListViews.Summary(pair.Second!, pair.First!))
            .ToList();
        var next = listIds.Length == page.Limit ? CursorCodec.Encode(0, listIds[^1]) : null;
        return TypedResults.Ok(new Page<ListSummaryResponse>(items, next));
    }
}
