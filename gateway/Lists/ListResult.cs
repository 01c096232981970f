using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;

namespace AtlasGrains.Gateway.Lists;

/// <summary>A 200 with a list, written by <see cref="ListJsonWriter"/> from its rendered items, documented as a <see cref="ListResponse"/>.</summary>
public static class ListResult
{
    public static HandWrittenJsonResult<ListResponse> Of(RenderedList list) =>
        new((body, encoder, aborted) => ListJsonWriter.WriteAsync(body, list, encoder, aborted));
}
