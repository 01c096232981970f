using System.Text.Encodings.Web;
using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// A <see cref="ListResponse"/> whose items are JSON already (<see cref="ListJsonWriter.RenderItem"/>), as
/// <see cref="RenderedListItems"/> keeps them between answers; <see cref="ListJsonWriter"/> writes it.
/// </summary>
public sealed record RenderedList(
    string Id,
    string OwnerId,
    string Title,
    string Description,
    string Visibility,
    byte[][] Items,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The answer with its items rendered one by one, for an answer not kept (and to test the writer).</summary>
    public static RenderedList From(ListResponse list, JavaScriptEncoder? encoder) => new(
        list.Id, list.OwnerId, list.Title, list.Description, list.Visibility,
        [.. list.Items.Select(item => ListJsonWriter.RenderItem(item, encoder))], list.CreatedAt, list.UpdatedAt);
}
