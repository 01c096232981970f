using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// Writes a place page as System.Text.Json writes a <see cref="PlaceResponse"/> with the gateway's options, byte for
/// byte (<c>PlaceJsonWriterTests</c> holds it to that), without its per-property metadata path: the place page is the
/// most read answer (S3), and that path was about 5% of the gateway's CPU per read. As for lists
/// (<see cref="Lists.ListJsonWriter"/>), System.Text.Json's generated fast path is taken only with the default encoder.
/// </summary>
public static class PlaceJsonWriter
{
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
        WriteTexts(json, (Names.Id, place.Id), (Names.Name, place.Name), (Names.Subtitle, place.Subtitle),
            (Names.Description, place.Description), (Names.KnowBeforeYouGo, place.KnowBeforeYouGo));
        json.WriteStartObject(Names.Location);
        json.WriteNumber(Names.Latitude, place.Location.Latitude);
        json.WriteNumber(Names.Longitude, place.Location.Longitude);
        json.WriteEndObject();
        WriteTexts(json, (Names.Address, place.Address), (Names.City, place.City), (Names.Region, place.Region),
            (Names.Country, place.Country), (Names.Continent, place.Continent));
        WriteStrings(json, Names.Tags, place.Tags);
        json.WriteString(Names.Website, place.Website);
        WriteStrings(json, Names.Sources, place.Sources);
        json.WritePropertyName(Names.AddedBy);
        WriteUser(json, place.AddedBy);
        json.WriteStartArray(Names.EditedBy);
        foreach (var editor in place.EditedBy)
        {
            WriteUser(json, editor);
        }

        json.WriteEndArray();
        json.WriteString(Names.PublishedAt, place.PublishedAt);
        json.WriteString(Names.UpdatedAt, place.UpdatedAt);
        json.WriteStartObject(Names.Stats);
        json.WriteNumber(Names.BeenHere, place.Stats.BeenHere);
        json.WriteNumber(Names.WantToGo, place.Stats.WantToGo);
        json.WriteNumber(Names.Lists, place.Stats.Lists);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTexts(Utf8JsonWriter json, params ReadOnlySpan<(JsonEncodedText Name, string Value)> properties)
    {
        foreach (var (name, value) in properties)
        {
            json.WriteString(name, value);
        }
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
        json.WriteString(Names.UserId, user.UserId);
        json.WriteString(Names.DisplayName, user.DisplayName);
        json.WriteEndObject();
    }

    /// <summary>The properties' names as camelCase writes them, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Subtitle = JsonEncodedText.Encode("subtitle");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText KnowBeforeYouGo = JsonEncodedText.Encode("knowBeforeYouGo");
        public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
        public static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
        public static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
        public static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
        public static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
        public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
        public static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
        public static readonly JsonEncodedText Continent = JsonEncodedText.Encode("continent");
        public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
        public static readonly JsonEncodedText Website = JsonEncodedText.Encode("website");
        public static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
        public static readonly JsonEncodedText AddedBy = JsonEncodedText.Encode("addedBy");
        public static readonly JsonEncodedText EditedBy = JsonEncodedText.Encode("editedBy");
        public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
        public static readonly JsonEncodedText DisplayName = JsonEncodedText.Encode("displayName");
        public static readonly JsonEncodedText PublishedAt = JsonEncodedText.Encode("publishedAt");
        public static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
        public static readonly JsonEncodedText Stats = JsonEncodedText.Encode("stats");
        public static readonly JsonEncodedText BeenHere = JsonEncodedText.Encode("beenHere");
        public static readonly JsonEncodedText WantToGo = JsonEncodedText.Encode("wantToGo");
        public static readonly JsonEncodedText Lists = JsonEncodedText.Encode("lists");
    }
}
