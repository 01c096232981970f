using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Grains.Storage;

/// <summary>Where our own tables live. Bound from configuration ("ConnectionStrings:Tables", "Storage:TablePrefix").</summary>
public sealed class AtlasStorageOptions
{
    [Required(ErrorMessage = "ConnectionStrings:Tables is required (an Azure Table connection string).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Prepended to every table name, so several deployments (or test runs) can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";
}
