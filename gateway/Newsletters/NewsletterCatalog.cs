using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.Newsletters;

/// <summary>The newsletters readers can sign up for ("Newsletters:Catalog").</summary>
public sealed class NewsletterCatalog
{
    [MinLength(1, ErrorMessage = "Newsletters:Catalog must list at least one newsletter.")]
    public List<NewsletterDefinition> Catalog { get; set; } = [];

    public NewsletterDefinition? Find(string id) => Catalog.FirstOrDefault(newsletter => newsletter.Id == id);
}

public sealed class NewsletterDefinition
{
    [Required, RegularExpression("^[a-z0-9-]{1,40}$")]
    public string Id { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    [Required]
    public string Frequency { get; set; } = "";
}
