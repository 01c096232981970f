using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Validation;

public static class AccountValidation
{
    public const int MinPasswordLength = 10;

    /// <summary>Bounds the work one request can ask of the password hasher.</summary>
    public const int MaxPasswordLength = 256;

    public static ValidationErrors Validate(CreateAccountRequest request, out string email, out string displayName)
    {
        var errors = new ValidationErrors();
        email = EmailAddress.Normalize(request.Email ?? "");
        if (email.Length == 0)
        {
            errors.Add("email", "email is required.");
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add("email", $"email must be a valid address of at most {EmailAddress.MaxLength} characters.");
        }

        if (request.Password is not { Length: >= MinPasswordLength and <= MaxPasswordLength })
        {
            errors.Add("password", $"password must be {MinPasswordLength} to {MaxPasswordLength} characters long.");
        }

        displayName = errors.Text("displayName", request.DisplayName, max: 60, required: true) ?? "";
        return errors;
    }
}
