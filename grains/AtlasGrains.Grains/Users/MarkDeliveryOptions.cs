using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Grains.Users;

/// <summary>How the durable wake-up that re-delivers unconfirmed relation changes behaves ("MarkDelivery" section).</summary>
public sealed class MarkDeliveryOptions
{
    /// <summary>
    /// Period of the reminder that re-delivers changes a place has not confirmed (after a crash or a timeout).
    /// It bounds how long a count can lag behind an unacknowledged-but-stored change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "MarkDelivery:RetryPeriod must be from 1 second to 1 day.")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
