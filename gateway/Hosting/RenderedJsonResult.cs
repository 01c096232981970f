using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>
/// A 200 whose JSON was rendered before the request (a kept place page: <c>PlaceJsonWriter.Result</c>), sent with its
/// length, and described in the OpenAPI document as <c>Ok&lt;TDocumented&gt;</c> would be.
/// </summary>
public sealed class RenderedJsonResult<TDocumented>(byte[] json) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = json.Length;
        await http.Response.BodyWriter.WriteAsync(json, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TDocumented), ["application/json"]));
}
