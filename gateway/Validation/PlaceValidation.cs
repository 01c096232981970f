using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Validation;

/// <summary>The limits of a place's fields (API.md, and docs/api.md for the ones it leaves open).</summary>
public static class PlaceValidation
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxSources = 20;
    public const int MaxUrlLength = 2048;

    public static ValidationErrors ValidateNew(PlaceRequest request, out PlaceDetails details)
    {
        var errors = new ValidationErrors();
        var edit = Check(request, errors, isNew: true);
        details = new PlaceDetails
        {
            Name = edit.Name ?? "",
            Subtitle = edit.Subtitle ?? "",
            Description = edit.Description ?? "",
            KnowBeforeYouGo = edit.KnowBeforeYouGo ?? "",
            Location = edit.Location ?? new GeoLocation(0, 0),
            Address = edit.Address ?? "",
            City = edit.City ?? "",
            Region = edit.Region ?? "",
            Country = edit.Country ?? "",
            Continent = edit.Continent ?? "",
            Tags = edit.Tags ?? [],
            Website = edit.Website ?? "",
            Sources = edit.Sources ?? [],
        };
        return errors;
    }

    public static ValidationErrors ValidateEdit(PlaceRequest request, out PlaceEdit edit)
    {
        var errors = new ValidationErrors();
        edit = Check(request, errors, isNew: false);
        if (errors.IsEmpty && edit == new PlaceEdit())
        {
            errors.Add("body", "An edit must change at least one field.");
        }

        return errors;
    }

    private static PlaceEdit Check(PlaceRequest request, ValidationErrors errors, bool isNew)
    {
        var name = errors.Text("name", request.Name, max: 120, required: isNew || request.Name is not null);
        var country = errors.Text("country", request.Country, max: 100, required: isNew || request.Country is not null);
        return new PlaceEdit
        {
            Name = name,
            Subtitle = errors.Text("subtitle", request.Subtitle, max: 200, min: 0),
            Description = errors.Text("description", request.Description, max: 20_000, min: 0, multiline: true),
            KnowBeforeYouGo = errors.Text("knowBeforeYouGo", request.KnowBeforeYouGo, max: 5_000, min: 0, multiline: true),
            Location = CheckLocation(request.Location, errors, required: isNew),
            Address = errors.Text("address", request.Address, max: 200, min: 0),
            City = errors.Text("city", request.City, max: 100, min: 0),
            Region = errors.Text("region", request.Region, max: 100, min: 0),
            Country = country,
            Continent = errors.Text("continent", request.Continent, max: 40, min: 0),
            Tags = CheckTags(request.Tags, errors),
            Website = CheckWebsite(request.Website, errors),
            Sources = CheckSources(request.Sources, errors),
        };
    }

    private static GeoLocation? CheckLocation(LocationDto? location, ValidationErrors errors, bool required)
    {
        if (location is null)
        {
            if (required)
            {
                errors.Add("location", "location is required.");
            }

            return null;
        }

        if (location.Latitude is not { } latitude || latitude is < -90 or > 90)
        {
            errors.Add("location.latitude", "location.latitude must be a number from -90 to 90.");
        }

        if (location.Longitude is not { } longitude || longitude is < -180 or > 180)
        {
            errors.Add("location.longitude", "location.longitude must be a number from -180 to 180.");
        }

        return new GeoLocation(location.Latitude ?? 0, location.Longitude ?? 0);
    }

    private static string[]? CheckTags(string[]? tags, ValidationErrors errors)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Length > MaxTags)
        {
            errors.Add("tags", $"A place has at most {MaxTags} tags.");
            return [];
        }

        var checkedTags = tags.Select((tag, i) => errors.Text($"tags[{i}]", tag ?? "", max: MaxTagLength, required: true) ?? "").ToArray();
        return [.. checkedTags.Where(tag => tag.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string? CheckWebsite(string? website, ValidationErrors errors)
    {
        var trimmed = errors.Text("website", website, max: MaxUrlLength, min: 0);
        if (!string.IsNullOrEmpty(trimmed) && !IsHttpUrl(trimmed))
        {
            errors.Add("website", "website must be an absolute http or https URL.");
        }

        return trimmed;
    }

    private static string[]? CheckSources(string[]? sources, ValidationErrors errors)
    {
        if (sources is null)
        {
            return null;
        }

        if (sources.Length > MaxSources)
        {
            errors.Add("sources", $"A place has at most {MaxSources} sources.");
            return [];
        }

        return [.. sources.Select((source, i) => errors.Text($"sources[{i}]", source ?? "", max: MaxUrlLength, required: true) ?? "")];
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
