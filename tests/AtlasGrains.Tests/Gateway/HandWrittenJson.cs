using System.IO.Pipelines;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// What the tests of the gateway's hand-written JSON (lists, place pages) share: they hold each writer to the bytes
/// System.Text.Json writes with the gateway's own options, and check that the OpenAPI document still names the type.
/// </summary>
internal static class HandWrittenJson
{
    public static JsonSerializerOptions Options(ClusterFixture fixture) =>
        fixture.Gateway.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

    /// <summary>Asserts that <paramref name="write"/> writes what System.Text.Json writes for <paramref name="value"/>.</summary>
    public static async Task AssertWrittenAsSystemTextJsonAsync<T>(
        ClusterFixture fixture, T value, Func<PipeWriter, JavaScriptEncoder?, Task> write)
    {
        var options = Options(fixture);
        var expected = JsonSerializer.Serialize(value, options);

        // A reader-less pipe that never makes a flush wait, so the whole answer can be read after.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await write(pipe.Writer, options.Encoder);
        await pipe.Writer.CompleteAsync();
        var written = await new StreamReader(pipe.Reader.AsStream()).ReadToEndAsync();

        Assert.Equal(expected, written);
    }

    /// <summary>The schema the OpenAPI document gives for a GET's 200 answer at <paramref name="path"/>.</summary>
    public static async Task<string?> OpenApiSchemaAsync(ClusterFixture fixture, string path)
    {
        var document = await (await fixture.Gateway.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var answer = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200");
        return answer.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
    }
}
