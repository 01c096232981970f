using System.Text.Json;

namespace AtlasGrains.Gateway.Contracts;

/// <summary>Parts of answers that the hand-written writers (<c>ListJsonWriter</c>, <c>PlaceJsonWriter</c>) share.</summary>
internal static class JsonWriting
{
    /// <summary>String properties, in order.</summary>
    public static void WriteTexts(this Utf8JsonWriter json, params ReadOnlySpan<(JsonEncodedText Name, string Value)> properties)
    {
        foreach (var (name, value) in properties)
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteLocation(this Utf8JsonWriter json, LocationResponse location)
    {
        json.WriteStartObject(JsonNames.Location);
        json.WriteNumber(JsonNames.Latitude, location.Latitude);
        json.WriteNumber(JsonNames.Longitude, location.Longitude);
        json.WriteEndObject();
    }

    public static void WriteStats(this Utf8JsonWriter json, PlaceStatsResponse stats)
    {
        json.WriteStartObject(JsonNames.Stats);
        json.WriteNumber(JsonNames.BeenHere, stats.BeenHere);
        json.WriteNumber(JsonNames.WantToGo, stats.WantToGo);
        json.WriteNumber(JsonNames.Lists, stats.Lists);
        json.WriteEndObject();
    }
}
