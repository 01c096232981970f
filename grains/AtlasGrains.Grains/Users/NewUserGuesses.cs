using AtlasGrains.Grains.Diagnostics;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// Whether a user's activation whose first call is a mark may take the user as new: skip the read of the user's rows,
/// and store the mark with an insert of the meta row, which fails if the user has one (every writer stores it first,
/// see <see cref="UserMetaRow"/>). The activation then reads its rows and decides again, so a wrong guess costs time,
/// never a wrong answer. A right guess saves a point read, a third of what a mark of a viral place costs Azurite's one
/// core (bench/results/azurite-costs.md); a wrong one costs more than it would have: a failed transaction shared with
/// other users' writes, their transaction sent again, and the read anyway. So the silo guesses only while nearly all
/// of its recent guesses were right (the readers of a viral place, mostly first-time markers), and otherwise tries
/// one activation in <see cref="ProbeEvery"/>, to notice when they are again.
/// </summary>
public sealed class NewUserGuesses(AtlasMetrics metrics)
{
    /// <summary>The share of recent guesses that must have been right for the next activation to guess.</summary>
    public const double Trust = 0.9;

    /// <summary>How much the newest outcome weighs in the share: the last few dozen guesses count.</summary>
    private const double Weight = 1.0 / 32;

    public const int ProbeEvery = 32;

    private readonly Lock _lock = new();
    private double _rightShare = 1.0;
    private int _sinceProbe;

    /// <summary>The weighted share of recent guesses that were right (1 before any).</summary>
    public double RightShare
    {
        get
        {
            lock (_lock)
            {
                return _rightShare;
            }
        }
    }

    public bool ShouldGuess()
    {
        lock (_lock)
        {
            if (_rightShare >= Trust)
            {
                return true;
            }

            _sinceProbe = (_sinceProbe + 1) % ProbeEvery;
            return _sinceProbe == 0;
        }
    }

    public void Record(bool right)
    {
        lock (_lock)
        {
            _rightShare += Weight * ((right ? 1.0 : 0.0) - _rightShare);
        }

        metrics.NewUserGuessed(right);
    }
}
