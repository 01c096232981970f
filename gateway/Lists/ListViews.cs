using System.Security.Claims;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Validation;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// Reads lists for the API: the list grain has the owner and the items, the owner's user grain has the
/// title, description and visibility. A private list is visible to its owner only.
/// </summary>
public static class ListViews
{
    /// <summary>The list as the caller may see it, or null (unknown, deleted, or someone else's private list).</summary>
    public static async Task<RenderedList?> FindAsync(
        IGrainFactory grains, ListContentsCache lists, RenderedListItems rendering, string listId, ClaimsPrincipal caller)
    {
        if (!ServerIds.IsValid(listId) || await lists.GetAsync(listId) is not { } contents)
        {
            return null;
        }

        var meta = await grains.GetGrain<IUserGrain>(contents.OwnerId).GetListAsync(listId);
        return meta is not null && (meta.IsPublic || IsCaller(caller, meta.OwnerId))
            ? await RenderAsync(rendering, meta, contents)
            : null;
    }

    /// <summary>The list's answer, its items' JSON rendered or kept (<see cref="RenderedListItems"/>).</summary>
    public static async Task<RenderedList> RenderAsync(RenderedListItems rendering, ListMeta meta, ListContents contents) => new(
        meta.ListId, meta.OwnerId, meta.Title, meta.Description, ListValidation.Visibility(meta.IsPublic),
        await rendering.RenderAsync(meta.ListId, contents.Items), meta.CreatedAt.UtcDateTime, Latest(meta, contents));

    /// <summary>A list just created, which holds no items yet.</summary>
    public static ListResponse Created(ListMeta meta) => new(
        meta.ListId, meta.OwnerId, meta.Title, meta.Description, ListValidation.Visibility(meta.IsPublic),
        [], 0, meta.CreatedAt.UtcDateTime, Latest(meta, new ListContents(meta.ListId, meta.OwnerId, [], meta.CreatedAt)));

    /// <summary>Summaries of these lists (their item counts come from the list grains); deleted ones are left out.</summary>
    public static async Task<List<ListSummaryResponse>> SummariesAsync(IGrainFactory grains, ListContentsCache lists, IEnumerable<ListMeta> summarized)
    {
        var metas = summarized.ToList();
        var contents = await Task.WhenAll(metas.Select(meta => lists.GetAsync(meta.ListId)));
        return [.. metas.Zip(contents)
            .Where(pair => pair.Second is not null)
            .Select(pair => Summary(pair.First, pair.Second!))];
    }

    public static ListSummaryResponse Summary(ListMeta meta, ListContents contents) => new(
        meta.ListId, meta.OwnerId, meta.Title, ListValidation.Visibility(meta.IsPublic), contents.ItemCount, Latest(meta, contents));

    public static bool IsCaller(ClaimsPrincipal caller, string userId) =>
        caller.UserIdOrNull() == userId;

    private static DateTime Latest(ListMeta meta, ListContents contents) =>
        (meta.UpdatedAt > contents.UpdatedAt ? meta.UpdatedAt : contents.UpdatedAt).UtcDateTime;
}
