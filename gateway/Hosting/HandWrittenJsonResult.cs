using System.IO.Pipelines;
using System.Reflection;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>
/// A 200 whose JSON a writer of ours writes with the gateway's own encoder (lists: <c>ListJsonWriter.Result</c>;
/// place pages are rendered before, <see cref="RenderedJsonResult{TDocumented}"/>), answered and described in the OpenAPI document as
/// <c>Ok&lt;TDocumented&gt;</c> would be.
/// </summary>
public sealed class HandWrittenJsonResult<TDocumented>(Func<PipeWriter, JavaScriptEncoder?, CancellationToken, Task> write)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await write(http.Response.BodyWriter, json.Encoder, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TDocumented), ["application/json"]));
}
