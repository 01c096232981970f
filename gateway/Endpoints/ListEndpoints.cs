using System.Security.Claims;
using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Lists;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Gateway.RateLimiting;
using AtlasGrains.Gateway.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>Lists: a user's own curation of places. Only the owner changes a list; anyone else gets 404.</summary>
public static class ListEndpoints
{
    public static IEndpointRouteBuilder MapLists(this IEndpointRouteBuilder routes)
    {
        var lists = routes.MapGroup("/api/lists").WithTags("Lists");
        lists.MapPost("/", CreateList).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        lists.MapGet("/{listId}", GetList);
        lists.MapPatch("/{listId}", EditList).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        lists.MapDelete("/{listId}", DeleteList).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        lists.MapPut("/{listId}/items/{placeId}", PutItem).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        lists.MapDelete("/{listId}/items/{placeId}", RemoveItem).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        lists.MapPut("/{listId}/order", Reorder).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        return routes;
    }

    private static async Task<Results<Created<ListResponse>, ValidationProblem, ProblemHttpResult>> CreateList(
        ListRequest request, ClaimsPrincipal principal, IGrainFactory grains)
    {
        var errors = ListValidation.ValidateNew(request, out var fields);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        var meta = await grains.GetGrain<IUserGrain>(principal.UserId()).CreateListAsync(fields.Title!, fields.Description ?? "", fields.IsPublic!.Value);
        if (meta is null)
        {
            return ProblemResults.Conflict("A user has at most 500 lists.");
        }

        return TypedResults.Created($"/api/lists/{meta.ListId}", ListViews.Created(meta));
    }

    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ProblemHttpResult>> GetList(
        string listId, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering) =>
        await ListViews.FindAsync(grains, lists, rendering, listId, principal) is { } list ? ListJsonWriter.Result(list) : ProblemResults.NotFound("List");

    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ValidationProblem, ProblemHttpResult>> EditList(
        string listId, ListRequest request, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering)
    {
        var errors = ListValidation.ValidateEdit(request, out var edit);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        if (!ServerIds.IsValid(listId) || await grains.GetGrain<IUserGrain>(principal.UserId()).UpdateListAsync(listId, edit) is null)
        {
            return ProblemResults.NotFound("List");
        }

        return await ListViews.FindAsync(grains, lists, rendering, listId, principal) is { } list ? ListJsonWriter.Result(list) : ProblemResults.NotFound("List");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteList(
        string listId, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, PlacePageCache pages)
    {
        if (!ServerIds.IsValid(listId))
        {
            return ProblemResults.NotFound("List");
        }

        // Its places' list counts drop with it: their pages kept here go too, so the owner sees the drop at once.
        var contents = await lists.GetAsync(listId);
        try
        {
            return await grains.GetGrain<IUserGrain>(principal.UserId()).DeleteListAsync(listId)
                ? TypedResults.NoContent()
                : ProblemResults.NotFound("List");
        }
        finally
        {
            foreach (var item in contents?.Items ?? [])
            {
                pages.Forget(item.PlaceId);
            }
        }
    }

    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ValidationProblem, ProblemHttpResult>> PutItem(
        string listId, string placeId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ListItemRequest? request,
        ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering, PlacePageCache pages)
    {
        var errors = ListValidation.ValidateItem(request, out var note);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        try
        {
            return await ChangeAsync(listId, placeId, principal, grains, lists, rendering, (list, held) => list.PutItemAsync(principal.UserId(), placeId, note, held));
        }
        finally
        {
            // The place's list count may have moved (even if the change failed after it was stored).
            pages.Forget(placeId);
        }
    }

    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ValidationProblem, ProblemHttpResult>> RemoveItem(
        string listId, string placeId, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering, PlacePageCache pages)
    {
        try
        {
            return await ChangeAsync(listId, placeId, principal, grains, lists, rendering, (list, held) => list.RemoveItemAsync(principal.UserId(), placeId, held));
        }
        finally
        {
            pages.Forget(placeId);
        }
    }

    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ValidationProblem, ProblemHttpResult>> Reorder(
        string listId, ListOrderRequest request, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering)
    {
        var errors = ListValidation.ValidateOrder(request);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        return await ChangeAsync(listId, placeId: null, principal, grains, lists, rendering, (list, held) => list.ReorderAsync(principal.UserId(), request.PlaceIds!, held));
    }

    /// <summary>Runs an owner-only change on the list grain and answers the list after it.</summary>
    private static async Task<Results<HandWrittenJsonResult<ListResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string listId, string? placeId, ClaimsPrincipal principal, IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering, Func<IListGrain, ListRevision, Task<ListChangeOutcome>> change)
    {
        if (!ServerIds.IsValid(listId))
        {
            return ProblemResults.NotFound("List");
        }

        if (placeId is not null && !PlaceSlug.IsValid(placeId))
        {
            return ProblemResults.NotFound("Place");
        }

        var held = lists.Held(listId);
        var outcome = await change(grains.GetGrain<IListGrain>(listId), held?.Revision ?? ListRevision.None);
        var contents = await lists.CompleteAsync(listId, held, outcome.Contents);
        var meta = contents is null ? null : await grains.GetGrain<IUserGrain>(principal.UserId()).GetListAsync(listId);
        return (outcome.Status, meta) switch
        {
            (ListChangeStatus.Done, { } found) => ListJsonWriter.Result(await ListViews.RenderAsync(rendering, found, contents!)),
            (ListChangeStatus.PlaceNotFound, _) => ProblemResults.NotFound("Place"),
            (ListChangeStatus.TooManyItems, _) => ProblemResults.Conflict($"A list holds at most {ListValidation.MaxItems} items."),
            (ListChangeStatus.NotTheCurrentItems, _) => ProblemResults.Invalid(new Dictionary<string, string[]>
            {
                ["placeIds"] = ["placeIds must name exactly the list's current items, each once."],
            }),
            _ => ProblemResults.NotFound("List"),
        };
    }
}
