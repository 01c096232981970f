using System.IO.Pipelines;
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
/// </summary>
public static class PlaceJsonWriter
{
    /// <summary>A 200 with <paramref name="place"/>'s page, documented as a <see cref="PlaceResponse"/>.</summary>
    public static HandWrittenJsonResult<PlaceResponse> Result(PlaceResponse place) =>
        new((body, encoder, aborted) => WriteAsync(body, place, encoder, aborted));

    public static async Task WriteAsync(PipeWriter body, PlaceResponse place, JavaScriptEncoder? encoder, CancellationToken aborted)
    {
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            Write(json, place);
        }

        await body.FlushAsync(aborted);
    }

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
