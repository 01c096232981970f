using System.Reflection;
using AtlasGrains.Gateway.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// A 200 with a place page, as <c>Ok&lt;PlaceResponse&gt;</c> would answer it and describe it in the OpenAPI document,
/// written by <see cref="PlaceJsonWriter"/>.
/// </summary>
public sealed class PlaceResult(PlaceResponse place) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await PlaceJsonWriter.WriteAsync(http.Response.BodyWriter, place, json.Encoder, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PlaceResponse), ["application/json"]));
}
