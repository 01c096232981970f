namespace AtlasGrains.Gateway.Validation;

/// <summary>Collects field -> messages for a validation problem (RFC 9457 "errors").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Checks a text field's length (after trimming) and, for one-line fields, that it has no control characters.</summary>
    public string? Text(string field, string? value, int max, bool required = false, bool multiline = false, int min = 1)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, $"{field} is required.");
            }

            return trimmed;
        }

        if (trimmed.Length < min || trimmed.Length > max)
        {
            Add(field, $"{field} must be {min} to {max} characters long.");
        }

        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            Add(field, $"{field} must not contain control characters{(multiline ? " other than line breaks and tabs" : "")}.");
        }

        return trimmed;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray());
}
