using AtlasGrains.Abstractions.Newsletters;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>
/// One address's subscriptions, and its two outboxes: mails to send and subscriber-count changes to deliver.
/// Both are written in the same state write as the change that caused them, so neither is lost nor invented.
/// </summary>
[GenerateSerializer, Alias("AtlasGrains.SubscriberState")]
public sealed class SubscriberState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public Dictionary<string, SubscriptionEntry> Newsletters { get; set; } = [];

    /// <summary>The secret of the current confirmation mail(s): single use, until <see cref="ConfirmExpiresAt"/>.</summary>
    [Id(2)] public string? ConfirmSecret { get; set; }
    [Id(3)] public DateTimeOffset ConfirmExpiresAt { get; set; }

    /// <summary>The newsletters the current confirmation secret confirms.</summary>
    [Id(4)] public List<string> AwaitingConfirmation { get; set; } = [];
    [Id(5)] public string UnsubscribeSecret { get; set; } = "";
    [Id(6)] public DateTimeOffset? LastConfirmationSentAt { get; set; }

    /// <summary>Versions the subscriber-count changes, so newsletters apply each once and in order.</summary>
    [Id(7)] public long Sequence { get; set; }
    [Id(8)] public List<OutgoingMail> Mails { get; set; } = [];
    [Id(9)] public Dictionary<string, CountChange> CountOutbox { get; set; } = [];
    [Id(10)] public DateTimeOffset LastRequestAt { get; set; }
}
