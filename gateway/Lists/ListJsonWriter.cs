using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// Writes a list as System.Text.Json writes a <see cref="ListResponse"/> with the gateway's options, byte for byte
/// (<c>ListJsonWriterTests</c> holds it to that), but without its per-property metadata path. Every add to a list
/// answers with the whole list (API.md), and for 1,000 items that path was the largest part of the gateway's CPU
/// (bench/README.md, S4). System.Text.Json's generated fast path would do the same, but it is taken only with the
/// default encoder, which would escape every non-ASCII letter (<see cref="ApiJsonContext"/>).
/// Items are rendered on their own (<see cref="RenderItem"/>), so that a list's answer can reuse the JSON of every item
/// that did not change since its last answer (<see cref="RenderedListItems"/>).
/// </summary>
public static class ListJsonWriter
{
    /// <summary>Items written between flushes, about 20 KB: the answer goes out as it is written, not all at the end.</summary>
    private const int ItemsPerFlush = 64;

    public static async Task WriteAsync(PipeWriter body, RenderedList list, JavaScriptEncoder? encoder, CancellationToken aborted)
    {
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
        json.WriteStartObject();
        json.WriteString(Names.Id, list.Id);
        json.WriteString(Names.OwnerId, list.OwnerId);
        json.WriteString(Names.Title, list.Title);
        json.WriteString(Names.Description, list.Description);
        json.WriteString(Names.Visibility, list.Visibility);
        json.WriteStartArray(Names.Items);
        for (var i = 0; i < list.Items.Length; i++)
        {
            json.WriteRawValue(list.Items[i], skipInputValidation: true);
            if ((i + 1) % ItemsPerFlush == 0)
            {
                await FlushAsync(json, body, aborted);
            }
        }

        json.WriteEndArray();
        json.WriteNumber(Names.ItemCount, list.Items.Length);
        json.WriteString(Names.CreatedAt, list.CreatedAt);
        json.WriteString(Names.UpdatedAt, list.UpdatedAt);
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
        json.WriteString(Names.PlaceId, item.PlaceId);
        json.WriteString(Names.Note, item.Note);
        json.WriteString(Names.AddedAt, item.AddedAt);
        if (item.Place is { } place)
        {
            json.WriteStartObject(Names.Place);
            json.WriteString(Names.Id, place.Id);
            json.WriteString(Names.Name, place.Name);
            json.WriteString(Names.Subtitle, place.Subtitle);
            json.WriteString(Names.City, place.City);
            json.WriteString(Names.Country, place.Country);
            json.WriteStartObject(Names.Location);
            json.WriteNumber(Names.Latitude, place.Location.Latitude);
            json.WriteNumber(Names.Longitude, place.Location.Longitude);
            json.WriteEndObject();
            json.WriteStartObject(Names.Stats);
            json.WriteNumber(Names.BeenHere, place.Stats.BeenHere);
            json.WriteNumber(Names.WantToGo, place.Stats.WantToGo);
            json.WriteNumber(Names.Lists, place.Stats.Lists);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(Names.Place);
        }

        json.WriteEndObject();
    }

    /// <summary>The properties' names as camelCase writes them, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText OwnerId = JsonEncodedText.Encode("ownerId");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText Visibility = JsonEncodedText.Encode("visibility");
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText ItemCount = JsonEncodedText.Encode("itemCount");
        public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
        public static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
        public static readonly JsonEncodedText PlaceId = JsonEncodedText.Encode("placeId");
        public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
        public static readonly JsonEncodedText AddedAt = JsonEncodedText.Encode("addedAt");
        public static readonly JsonEncodedText Place = JsonEncodedText.Encode("place");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Subtitle = JsonEncodedText.Encode("subtitle");
        public static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
        public static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
        public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
        public static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
        public static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
        public static readonly JsonEncodedText Stats = JsonEncodedText.Encode("stats");
        public static readonly JsonEncodedText BeenHere = JsonEncodedText.Encode("beenHere");
        public static readonly JsonEncodedText WantToGo = JsonEncodedText.Encode("wantToGo");
        public static readonly JsonEncodedText Lists = JsonEncodedText.Encode("lists");
    }
}
