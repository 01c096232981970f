using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Places;

namespace AtlasGrains.Gateway.Validation;

public static class ListValidation
{
    public const int MaxItems = 1000;

    public static ValidationErrors ValidateNew(ListRequest request, out ListMetaEdit fields)
    {
        var errors = new ValidationErrors();
        fields = Check(request, errors, isNew: true);
        return errors;
    }

    public static ValidationErrors ValidateEdit(ListRequest request, out ListMetaEdit edit)
    {
        var errors = new ValidationErrors();
        edit = Check(request, errors, isNew: false);
        if (errors.IsEmpty && edit == new ListMetaEdit(null, null, null))
        {
            errors.Add("body", "An edit must change at least one field.");
        }

        return errors;
    }

    public static ValidationErrors ValidateItem(ListItemRequest? request, out string? note)
    {
        var errors = new ValidationErrors();
        note = errors.Text("note", request?.Note, max: 1000, min: 0, multiline: true);
        return errors;
    }

    public static ValidationErrors ValidateOrder(ListOrderRequest request)
    {
        var errors = new ValidationErrors();
        if (request.PlaceIds is null)
        {
            errors.Add("placeIds", "placeIds is required.");
        }
        else if (request.PlaceIds.Length > MaxItems)
        {
            errors.Add("placeIds", $"A list holds at most {MaxItems} items.");
        }
        else if (request.PlaceIds.Any(id => id is null || !PlaceSlug.IsValid(id)))
        {
            errors.Add("placeIds", "Every entry must be a place id.");
        }

        return errors;
    }

    public static string Visibility(bool isPublic) => isPublic ? "public" : "private";

    private static ListMetaEdit Check(ListRequest request, ValidationErrors errors, bool isNew)
    {
        var title = errors.Text("title", request.Title, max: 120, required: isNew || request.Title is not null);
        var description = errors.Text("description", request.Description, max: 2000, min: 0, multiline: true);
        bool? isPublic = request.Visibility switch { "public" => true, "private" => false, _ => null };
        if (isPublic is null && (isNew || request.Visibility is not null))
        {
            errors.Add("visibility", "visibility must be \"public\" or \"private\".");
        }

        return new ListMetaEdit(title, description, isPublic);
    }
}
