using System.Diagnostics.Metrics;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Grains.Diagnostics;

/// <summary>
/// Our own instruments, on the "AtlasGrains" meter. Tags never carry personal data or unbounded ids:
/// only kinds and outcomes.
/// </summary>
public sealed class AtlasMetrics
{
    public const string MeterName = "AtlasGrains";

    private readonly Counter<long> _marks;
    private readonly Counter<long> _listItems;
    private readonly Histogram<int> _commitBatch;
    private readonly Counter<long> _redelivered;
    private readonly UpDownCounter<long> _outboxBacklog;
    private readonly Counter<long> _signups;
    private readonly Counter<long> _mails;
    private readonly Counter<long> _pageNotices;
    private readonly Counter<long> _newUserGuesses;

    public AtlasMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _marks = meter.CreateCounter<long>("atlas.marks.changed", "{mark}", "Marks set or cleared (stored and acknowledged).");
        _listItems = meter.CreateCounter<long>("atlas.lists.items_changed", "{item}", "Places added to or removed from lists.");
        _commitBatch = meter.CreateHistogram<int>("atlas.places.commit_batch_size", "{change}",
            "Relation changes per place storage transaction: above 1 means group commit is saving writes.");
        _redelivered = meter.CreateCounter<long>("atlas.outbox.redelivered", "{change}",
            "Changes delivered to places by the reminder after a crash or a timeout.");
        _outboxBacklog = meter.CreateUpDownCounter<long>("atlas.outbox.backlog", "{change}",
            "Stored changes that active grains have not yet had confirmed by their places.");
        _mails = meter.CreateCounter<long>("atlas.mail.sent", "{mail}", "Mails handed to the SMTP server (outcome: sent, failed; a failed one stays in its outbox).");
        _signups = meter.CreateCounter<long>("atlas.newsletters.signups", "{request}", "Newsletter subscription requests (whatever the address's state).");
        _pageNotices = meter.CreateCounter<long>("atlas.places.page_notices", "{notice}",
            "Places' notices to gateways that a kept page changed (outcome: taken; failed, told again; given_up, the copy lives out its lifetime).");
        _newUserGuesses = meter.CreateCounter<long>("atlas.users.new_user_guesses", "{activation}",
            "Users' activations that took the user as new to skip a read (outcome: right; wrong, read and decided again).");
    }

    public void MarkChanged(MarkKind kind, bool marked) =>
        _marks.Add(1, new("kind", kind == MarkKind.BeenHere ? "been_here" : "want_to_go"), new("change", marked ? "set" : "cleared"));

    public void ListItemChanged(bool added) => _listItems.Add(1, new KeyValuePair<string, object?>("change", added ? "added" : "removed"));

    public void PlaceCommitted(int changes) => _commitBatch.Record(changes);

    public void Redelivered(int changes) => _redelivered.Add(changes);

    public void NewsletterSignup() => _signups.Add(1);

    public void PageNoticeTaken() => _pageNotices.Add(1, new KeyValuePair<string, object?>("outcome", "taken"));

    public void PageNoticeFailed(bool givenUp) => _pageNotices.Add(1, new KeyValuePair<string, object?>("outcome", givenUp ? "given_up" : "failed"));

    public void NewUserGuessed(bool right) => _newUserGuesses.Add(1, new KeyValuePair<string, object?>("outcome", right ? "right" : "wrong"));

    public void MailSent(bool succeeded) => _mails.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "sent" : "failed"));

    public void OutboxBacklogChanged(int delta)
    {
        if (delta != 0)
        {
            _outboxBacklog.Add(delta);
        }
    }
}
