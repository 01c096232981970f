using System.Text.Json;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage.Transactions;

/// <summary>
/// An entity as the Table service's JSON: each property by its type, with the <c>@odata.type</c> annotation the
/// service needs for the types JSON can't tell (Int64 as a string, dates, GUIDs, binary, doubles), as Azure.Data.Tables
/// writes it. Written straight into the transaction's buffer, with no dictionary or string per property.
/// </summary>
internal static class EntityJson
{
    /// <summary>The key under which <see cref="TableEntity"/> keeps its ETag: never a property of the row.</summary>
    private const string ETagKey = "odata.etag";

    public static void Write(Utf8JsonWriter writer, ITableEntity entity)
    {
        if (entity is not IDictionary<string, object?> properties)
        {
            throw new NotSupportedException($"Entity-group transactions write TableEntity rows, not {entity.GetType().Name}.");
        }

        writer.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null && name != ETagKey)
            {
                WriteProperty(writer, name, value);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case long number:
                Span<char> digits = stackalloc char[20];
                number.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
                writer.WriteString(name, digits[..length]);
                Annotate(writer, name, "Edm.Int64");
                break;
            case double number:
                writer.WriteNumber(name, number);
                Annotate(writer, name, "Edm.Double");
                break;
            case DateTimeOffset time:
                writer.WriteString(name, time.UtcDateTime);
                Annotate(writer, name, "Edm.DateTime");
                break;
            case DateTime time:
                writer.WriteString(name, time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
                Annotate(writer, name, "Edm.DateTime");
                break;
            case Guid id:
                writer.WriteString(name, id);
                Annotate(writer, name, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                Annotate(writer, name, "Edm.Binary");
                break;
            case BinaryData bytes:
                writer.WriteBase64String(name, bytes.ToMemory().Span);
                Annotate(writer, name, "Edm.Binary");
                break;
            case Enum member:
                writer.WriteString(name, member.ToString());
                break;
            default:
                throw new NotSupportedException($"Property '{name}' is a {value.GetType().Name}, which table rows don't hold.");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType)
    {
        Span<char> annotation = stackalloc char[name.Length + "@odata.type".Length];
        name.AsSpan().CopyTo(annotation);
        "@odata.type".AsSpan().CopyTo(annotation[name.Length..]);
        writer.WriteString(annotation, edmType);
    }
}
