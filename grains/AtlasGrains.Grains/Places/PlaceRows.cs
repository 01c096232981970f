using System.Text.Json;
using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// A place's row in the catalog table ("places"; partition = its catalog shard, row = its id): the facts, the
/// truth the place grain owns, and the counts last flushed by its catalog shard for the rankings. Discovery
/// indexes rebuild from these rows at start-up, reading only the summary columns.
/// </summary>
internal static class PlaceRows
{
    /// <summary>The columns a discovery index needs (a projection: descriptions stay in the table).</summary>
    public static readonly string[] SummaryColumns =
        ["RowKey", "Name", "Subtitle", "City", "Country", "Continent", "Latitude", "Longitude", "Tags", "PublishedAt", "UpdatedAt", "BeenHere", "WantToGo", "Lists"];

    public static TableEntity Facts(string placeId, PlaceState facts)
    {
        var details = facts.Details!;
        return new TableEntity(CatalogShards.PartitionKey(CatalogShards.Of(placeId)), placeId)
        {
            ["Name"] = details.Name,
            ["Subtitle"] = details.Subtitle,
            ["Description"] = details.Description,
            ["KnowBeforeYouGo"] = details.KnowBeforeYouGo,
            ["Latitude"] = details.Location.Latitude,
            ["Longitude"] = details.Location.Longitude,
            ["Address"] = details.Address,
            ["City"] = details.City,
            ["Region"] = details.Region,
            ["Country"] = details.Country,
            ["Continent"] = details.Continent,
            ["Tags"] = JsonSerializer.Serialize(details.Tags),
            ["Website"] = details.Website,
            ["Sources"] = JsonSerializer.Serialize(details.Sources),
            ["AddedBy"] = JsonSerializer.Serialize(facts.AddedBy),
            ["EditedBy"] = JsonSerializer.Serialize(facts.EditedBy),
            ["PublishedAt"] = facts.PublishedAt,
            ["UpdatedAt"] = facts.UpdatedAt,
        };
    }

    public static PlaceState ReadFacts(TableEntity row) => new()
    {
        Details = new PlaceDetails
        {
            Name = row.GetString("Name") ?? "",
            Subtitle = row.GetString("Subtitle") ?? "",
            Description = row.GetString("Description") ?? "",
            KnowBeforeYouGo = row.GetString("KnowBeforeYouGo") ?? "",
            Location = new GeoLocation(row.GetDouble("Latitude") ?? 0, row.GetDouble("Longitude") ?? 0),
            Address = row.GetString("Address") ?? "",
            City = PlaceVocabulary.Share(row.GetString("City") ?? ""),
            Region = PlaceVocabulary.Share(row.GetString("Region") ?? ""),
            Country = PlaceVocabulary.Share(row.GetString("Country") ?? ""),
            Continent = PlaceVocabulary.Share(row.GetString("Continent") ?? ""),
            Tags = PlaceVocabulary.Share(Json<string[]>(row, "Tags") ?? []),
            Website = row.GetString("Website") ?? "",
            Sources = Json<string[]>(row, "Sources") ?? [],
        },
        AddedBy = Json<UserRef>(row, "AddedBy"),
        EditedBy = Json<List<UserRef>>(row, "EditedBy") ?? [],
        PublishedAt = row.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.UnixEpoch,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch,
    };

    /// <summary>The summary of a row read with <see cref="SummaryColumns"/>; null for a row without facts.</summary>
    public static PlaceSummary? ReadSummary(TableEntity row) => row.GetString("Name") is not { } name ? null : new PlaceSummary(
        row.RowKey,
        name,
        row.GetString("Subtitle") ?? "",
        PlaceVocabulary.Share(row.GetString("City") ?? ""),
        PlaceVocabulary.Share(row.GetString("Country") ?? ""),
        PlaceVocabulary.Share(row.GetString("Continent") ?? ""),
        new GeoLocation(row.GetDouble("Latitude") ?? 0, row.GetDouble("Longitude") ?? 0),
        PlaceVocabulary.Share(Json<string[]>(row, "Tags") ?? []),
        row.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.UnixEpoch,
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch,
        new PlaceStats(row.GetInt32("BeenHere") ?? 0, row.GetInt32("WantToGo") ?? 0, row.GetInt32("Lists") ?? 0));

    /// <summary>The counts columns a catalog shard merges into a place's row.</summary>
    public static TableEntity Stats(string placeId, PlaceStats stats) =>
        new(CatalogShards.PartitionKey(CatalogShards.Of(placeId)), placeId)
        {
            ["BeenHere"] = stats.BeenHere,
            ["WantToGo"] = stats.WantToGo,
            ["Lists"] = stats.Lists,
        };

    public static PlaceSummary Summary(string placeId, PlaceState facts, PlaceStats stats)
    {
        var details = facts.Details!;
        return new PlaceSummary(
            placeId, details.Name, details.Subtitle, details.City, details.Country, details.Continent, details.Location,
            details.Tags, facts.PublishedAt, facts.UpdatedAt, stats);
    }

    private static T? Json<T>(TableEntity row, string column) =>
        row.GetString(column) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json) : default;
}
