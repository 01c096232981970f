using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Newsletters;

namespace AtlasGrains.Gateway.Validation;

public static class NewsletterValidation
{
    public static ValidationErrors Validate(SubscribeRequest request, NewsletterCatalog catalog, out string email, out NewsletterDefinition[] newsletters)
    {
        var errors = new ValidationErrors();
        email = EmailAddress.Normalize(request.Email ?? "");
        if (email.Length == 0)
        {
            errors.Add("email", "email is required.");
        }
        else if (request.Email!.Contains('\r') || request.Email.Contains('\n') || !EmailAddress.IsValid(email))
        {
            errors.Add("email", $"email must be a valid address of at most {EmailAddress.MaxLength} characters.");
        }

        newsletters = [];
        var ids = request.NewsletterIds ?? [];
        if (ids.Length == 0 || ids.Length > catalog.Catalog.Count)
        {
            errors.Add("newsletterIds", $"newsletterIds must name 1 to {catalog.Catalog.Count} newsletters.");
        }
        else if (ids.Any(id => id is null || catalog.Find(id) is null))
        {
            errors.Add("newsletterIds", "newsletterIds names a newsletter that does not exist (see GET /api/newsletters).");
        }
        else
        {
            newsletters = [.. ids.Distinct().Select(id => catalog.Find(id)!)];
        }

        errors.Text("source", request.Source, max: 100, min: 0);
        return errors;
    }
}
