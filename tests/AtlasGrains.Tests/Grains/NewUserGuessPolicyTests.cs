using System.Diagnostics.Metrics;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Users;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Grains;

/// <summary>A silo guesses while its guesses are right, and only probes once they mostly aren't.</summary>
public sealed class NewUserGuessPolicyTests
{
    private readonly NewUserGuesses _guesses = new(new AtlasMetrics(
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));

    [Fact]
    public void A_silo_guesses_while_its_guesses_are_right()
    {
        for (var activation = 0; activation < 1000; activation++)
        {
            Assert.True(_guesses.ShouldGuess());
            _guesses.Record(right: true);
        }
    }

    [Fact]
    public void Among_mostly_returning_users_a_silo_guesses_once_in_a_probe_period()
    {
        var guessed = 0;
        for (var activation = 0; activation < 100 * NewUserGuesses.ProbeEvery; activation++)
        {
            if (_guesses.ShouldGuess())
            {
                guessed++;
                // Half the users return: too many wrong guesses to keep guessing.
                _guesses.Record(right: activation % 2 == 0);
            }
        }

        Assert.InRange(guessed, 100, 130);
    }

    [Fact]
    public void A_silo_that_stopped_guessing_starts_again_once_its_probes_are_right()
    {
        while (_guesses.RightShare >= NewUserGuesses.Trust)
        {
            _guesses.Record(right: false);
        }

        var untilTrusted = 0;
        while (_guesses.RightShare < NewUserGuesses.Trust)
        {
            untilTrusted++;
            if (_guesses.ShouldGuess())
            {
                _guesses.Record(right: true);
            }
        }

        Assert.InRange(untilTrusted, NewUserGuesses.ProbeEvery, 20 * NewUserGuesses.ProbeEvery);
        Assert.True(_guesses.ShouldGuess());
    }
}
