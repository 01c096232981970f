using System.Security.Claims;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Gateway.RateLimiting;
using AtlasGrains.Gateway.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

public static class PlaceEndpoints
{
    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder routes)
    {
        var places = routes.MapGroup("/api/places").WithTags("Places");
        places.MapPost("/", CreatePlace).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        places.MapGet("/{id}", GetPlace);
        places.MapPatch("/{id}", EditPlace).RequireAuthorization().RequireRateLimit(RateLimitRule.UserWrites);
        return routes;
    }

    private static async Task<Results<Created<PlaceResponse>, ValidationProblem, ProblemHttpResult>> CreatePlace(
        PlaceRequest request, ClaimsPrincipal principal, IGrainFactory grains)
    {
        var errors = PlaceValidation.ValidateNew(request, out var details);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        var author = await ActingUserAsync(principal, grains);
        foreach (var id in PlaceSlug.Candidates(PlaceSlug.FromName(details.Name)))
        {
            if (await grains.GetGrain<IPlaceGrain>(id).CreateAsync(details, author) is { } created)
            {
                return TypedResults.Created($"/api/places/{id}", PlaceResponse.From(created));
            }
        }

        return ProblemResults.Conflict("No free id could be derived from this name; try a more specific name.");
    }

    private static async Task<Results<RenderedJsonResult<PlaceResponse>, ProblemHttpResult>> GetPlace(string id, PlacePageCache pages) =>
        PlaceSlug.IsValid(id) && await pages.GetPageAsync(id) is { } place
            ? PlaceJsonWriter.Result(place)
            : ProblemResults.NotFound("Place");

    private static async Task<Results<Ok<PlaceResponse>, ValidationProblem, ProblemHttpResult>> EditPlace(
        string id, PlaceRequest request, ClaimsPrincipal principal, IGrainFactory grains, PlacePageCache pages)
    {
        if (!PlaceSlug.IsValid(id))
        {
            return ProblemResults.NotFound("Place");
        }

        var errors = PlaceValidation.ValidateEdit(request, out var edit);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        var editor = await ActingUserAsync(principal, grains);
        try
        {
            return await grains.GetGrain<IPlaceGrain>(id).EditAsync(edit, editor) is { } place
                ? TypedResults.Ok(PlaceResponse.From(place))
                : ProblemResults.NotFound("Place");
        }
        finally
        {
            // Even after a failure: the edit may have been stored.
            pages.Forget(id);
        }
    }

    private static async Task<UserRef> ActingUserAsync(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var userId = principal.UserId();
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfileAsync();
        return new UserRef(userId, profile?.DisplayName ?? "");
    }
}
