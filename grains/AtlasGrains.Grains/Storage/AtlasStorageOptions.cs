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

    /// <summary>
    /// Group-committed transactions one silo keeps in flight per kind of bucket ("Storage:TransactionsInFlight"): all
    /// of the users' buckets together, and all of the places'. Writes that arrive meanwhile queue and go out together,
    /// so the cap is what makes batches large when storage is the bottleneck (beyond it, more requests in flight only
    /// queue inside storage, one small transaction each); quiet buckets never wait for it.
    /// </summary>
    [Range(1, 64)]
    public int TransactionsInFlight { get; set; } = 4;
}
