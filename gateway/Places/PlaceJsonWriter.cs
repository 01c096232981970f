using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// Writes a place page as System.Text.Json writes a <see cref="PlaceResponse"/> with the gateway's options, byte for
/// byte (<c>PlaceJsonWriterTests</c> holds it to that), without its per-property metadata path: the place page is the
/// most read answer (S3), and that path was about 5% of the gateway's CPU per read. As for lists
/// (<see cref="Lists.ListJsonWriter"/>), System.Text.Json's generated fast path is taken only with the default encoder.
/// A kept page is rendered once, when it is fetched (<see cref="PlacePage"/>), not for every read it answers.
/// </summary>
public static class PlaceJsonWriter
{
    /// <summary>A 200 with the page's JSON, rendered when the page was fetched.</summary>
    public static RenderedJsonResult<PlaceResponse> Result(PlacePage page) => new(page.Json);

    /// <summary>The page's JSON, UTF-8, written with <paramref name="encoder"/> (the gateway's JSON options' encoder).</summary>
    public static byte[] Render(PlaceResponse place, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            Write(json, place);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Most pages fit: a description of a few hundred words and the rest.</summary>
    private const int InitialBufferBytes = 4096;

    private static void Write(Utf8JsonWriter json, PlaceResponse place)
    {
        json.WriteStartObject();
        json.WriteTexts((JsonNames.Id, place.Id), (JsonNames.Name, place.Name), (JsonNames.Subtitle, place.Subtitle),
            (JsonNames.Description, place.Description), (JsonNames.KnowBeforeYouGo, place.KnowBeforeYouGo));
        json.WriteLocation(place.Location);
        json.WriteTexts((JsonNames.Address, place.Address), (JsonNames.City, place.City), (JsonNames.Region, place.Region),
            (JsonNames.Country, place.Country), (JsonNames.Continent, place.Continent));
        WriteStrings(json, JsonNames.Tags, place.Tags);
        json.WriteString(JsonNames.Website, place.Website);
        WriteStrings(json, JsonNames.Sources, place.Sources);
        json.WritePropertyName(JsonNames.AddedBy);
        WriteUser(json, place.AddedBy);
        json.WriteStartArray(JsonNames.EditedBy);
        foreach (var editor in place.EditedBy)
        {
            WriteUser(json, editor);
        }

        json.WriteEndArray();
        json.WriteString(JsonNames.PublishedAt, place.PublishedAt);
        json.WriteString(JsonNames.UpdatedAt, place.UpdatedAt);
        json.WriteStats(place.Stats);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, JsonEncodedText name, string[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteUser(Utf8JsonWriter json, UserRefResponse user)
    {
        json.WriteStartObject();
        json.WriteString(JsonNames.UserId, user.UserId);
        json.WriteString(JsonNames.DisplayName, user.DisplayName);
        json.WriteEndObject();
    }
}
