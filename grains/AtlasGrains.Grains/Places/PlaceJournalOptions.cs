using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Grains.Places;

/// <summary>How places store counts through the places' journal ("PlaceJournal" section).</summary>
public sealed class PlaceJournalOptions
{
    /// <summary>
    /// How long a place keeps changes in the journal before it writes its counts row with them ("PlaceJournal:StoreDelay";
    /// zero: no journal, every commit writes the counts row). A place marked every few seconds then writes its row once
    /// per delay instead of once per mark. Keep it below MarkDelivery:RetryPeriod: the sweeper replays journal rows older
    /// than that, which is harmless but costs a call per place.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "PlaceJournal:StoreDelay must be from 0 to 10 minutes.")]
    public TimeSpan StoreDelay { get; set; } = TimeSpan.FromSeconds(20);
}
