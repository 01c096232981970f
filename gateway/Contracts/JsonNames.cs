using System.Text.Json;

namespace AtlasGrains.Gateway.Contracts;

/// <summary>
/// The answers' property names as the gateway's camelCase options write them, encoded once, for the writers that write
/// answers by hand (<c>ListJsonWriter</c>, <c>PlaceJsonWriter</c>).
/// </summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText AddedAt = JsonEncodedText.Encode("addedAt");
    public static readonly JsonEncodedText AddedBy = JsonEncodedText.Encode("addedBy");
    public static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    public static readonly JsonEncodedText BeenHere = JsonEncodedText.Encode("beenHere");
    public static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    public static readonly JsonEncodedText Continent = JsonEncodedText.Encode("continent");
    public static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    public static readonly JsonEncodedText DisplayName = JsonEncodedText.Encode("displayName");
    public static readonly JsonEncodedText EditedBy = JsonEncodedText.Encode("editedBy");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText ItemCount = JsonEncodedText.Encode("itemCount");
    public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    public static readonly JsonEncodedText KnowBeforeYouGo = JsonEncodedText.Encode("knowBeforeYouGo");
    public static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
    public static readonly JsonEncodedText Lists = JsonEncodedText.Encode("lists");
    public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    public static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
    public static readonly JsonEncodedText OwnerId = JsonEncodedText.Encode("ownerId");
    public static readonly JsonEncodedText Place = JsonEncodedText.Encode("place");
    public static readonly JsonEncodedText PlaceId = JsonEncodedText.Encode("placeId");
    public static readonly JsonEncodedText PublishedAt = JsonEncodedText.Encode("publishedAt");
    public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    public static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
    public static readonly JsonEncodedText Stats = JsonEncodedText.Encode("stats");
    public static readonly JsonEncodedText Subtitle = JsonEncodedText.Encode("subtitle");
    public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    public static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    public static readonly JsonEncodedText Visibility = JsonEncodedText.Encode("visibility");
    public static readonly JsonEncodedText WantToGo = JsonEncodedText.Encode("wantToGo");
    public static readonly JsonEncodedText Website = JsonEncodedText.Encode("website");
}
