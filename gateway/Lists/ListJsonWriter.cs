using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// Writes a list as System.Text.Json writes a <see cref="ListResponse"/> with the gateway's options, byte for byte
/// (<c>ListJsonWriterTests</c> holds it to that), but without its per-property metadata path. Every add to a list
/// answers with the whole list (API.md), and for 1,000 items that path was the largest part of the gateway's CPU
/// (bench/findings/lists.md). System.Text.Json's generated fast path would do the same, but it is taken only with the
/// default encoder, which would escape every non-ASCII letter (<see cref="ApiJsonContext"/>).
/// Items are rendered on their own (<see cref="RenderItem"/>), so that a list's answer can reuse the JSON of every item
/// that did not change since its last answer (<see cref="RenderedListItems"/>).
/// </summary>
public static class ListJsonWriter
{
    /// <summary>Items written between flushes, about 20 KB: the answer goes out as it is written, not all at the end.</summary>
    private const int ItemsPerFlush = 64;

    /// <summary>A 200 with <paramref name="list"/>, documented as a <see cref="ListResponse"/>.</summary>
    public static HandWrittenJsonResult<ListResponse> Result(RenderedList list) =>
        new((body, encoder, aborted) => WriteAsync(body, list, encoder, aborted));

    public static async Task WriteAsync(PipeWriter body, RenderedList list, JavaScriptEncoder? encoder, CancellationToken aborted)
    {
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
        json.WriteStartObject();
        json.WriteTexts(
            (JsonNames.Id, list.Id), (JsonNames.OwnerId, list.OwnerId), (JsonNames.Title, list.Title),
            (JsonNames.Description, list.Description), (JsonNames.Visibility, list.Visibility));
        json.WriteStartArray(JsonNames.Items);
        for (var i = 0; i < list.Items.Length; i++)
        {
            json.WriteRawValue(list.Items[i], skipInputValidation: true);
            if ((i + 1) % ItemsPerFlush == 0)
            {
                await FlushAsync(json, body, aborted);
            }
        }

        json.WriteEndArray();
        json.WriteNumber(JsonNames.ItemCount, list.Items.Length);
        json.WriteString(JsonNames.CreatedAt, list.CreatedAt);
        json.WriteString(JsonNames.UpdatedAt, list.UpdatedAt);
        json.WriteEndObject();
        await FlushAsync(json, body, aborted);
    }

    /// <summary>Over a pipe the writer's own flush only commits its bytes to the pipe; the pipe's flush sends them.</summary>
    private static async Task FlushAsync(Utf8JsonWriter json, PipeWriter body, CancellationToken aborted)
    {
        json.Flush();
        await body.FlushAsync(aborted);
    }

    /// <summary>One item's JSON, as System.Text.Json writes it within a list with the same encoder.</summary>
    public static byte[] RenderItem(ListItemResponse item, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            WriteItem(json, item);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter json, ListItemResponse item)
    {
        json.WriteStartObject();
        json.WriteString(JsonNames.PlaceId, item.PlaceId);
        json.WriteString(JsonNames.Note, item.Note);
        json.WriteString(JsonNames.AddedAt, item.AddedAt);
        if (item.Place is { } place)
        {
            json.WriteStartObject(JsonNames.Place);
            json.WriteTexts(
                (JsonNames.Id, place.Id), (JsonNames.Name, place.Name), (JsonNames.Subtitle, place.Subtitle),
                (JsonNames.City, place.City), (JsonNames.Country, place.Country));
            json.WriteLocation(place.Location);
            json.WriteStats(place.Stats);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(JsonNames.Place);
        }

        json.WriteEndObject();
    }
}
