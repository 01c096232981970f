using System.Reflection;
using AtlasGrains.Gateway.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// A 200 with a list, as <c>Ok&lt;ListResponse&gt;</c> would answer it and describe it in the OpenAPI document, written
/// by <see cref="ListJsonWriter"/> from its rendered items.
/// </summary>
public sealed class ListResult(RenderedList list) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await ListJsonWriter.WriteAsync(http.Response.BodyWriter, list, json.Encoder, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ListResponse), ["application/json"]));
}
