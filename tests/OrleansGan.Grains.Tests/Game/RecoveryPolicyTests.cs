using System.Runtime.InteropServices;
using OrleansGan.Abstractions.Players;
using OrleansGan.Grains.Game;
using OrleansGan.Grains.Tests.Telemetry;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>What a game recovers from, and how often, decided without a cluster.</summary>
public class RecoveryPolicyTests
{
    private const string RaceMessage = "Expected false to be true, but got false.\nException raised from toDouble at /pytorch/c10/core/Scalar.h:140 (most recent call first):";

    [Fact]
    public void A_lost_player_or_the_scalar_race_is_recovered_at_most_three_times_at_one_round()
    {
        var clock = new ManualClock();
        var policy = new RecoveryPolicy(clock);
        Assert.True(policy.TryRecover(new PlayerLostException("gone"), 120));
        Assert.True(policy.TryRecover(new AggregateException(new TimeoutException()), 120));
        Assert.True(RecoveryPolicy.IsPlayerLoss(new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:41533")));
        Assert.True(policy.TryRecover(new ExternalException(RaceMessage), 120));
        clock.Advance(RecoveryPolicy.MinStretch);
        Assert.False(policy.TryRecover(new PlayerLostException("gone again"), 120));
        Assert.Equal(3, policy.Recoveries);

        policy.Checkpointed();
        Assert.True(policy.TryRecover(new PlayerLostException("later"), 90));
        Assert.Equal(4, policy.Recoveries);
    }

    [Fact]
    public void Failures_that_do_not_get_past_the_furthest_one_count_and_progress_starts_a_new_stretch()
    {
        // Chaos: the silos die more often than the game checkpoints, but it gets further each time.
        var clock = new ManualClock();
        var policy = new RecoveryPolicy(clock);
        foreach (var round in new[] { 150, 260, 330, 480, 610 })
        {
            Assert.True(policy.TryRecover(new SiloUnavailableException("killed"), round));
        }

        // Kills that come before the game replays past round 610 count, and the fourth of them ends it.
        Assert.True(policy.TryRecover(new SiloUnavailableException("killed"), 540));
        Assert.True(policy.TryRecover(new SiloUnavailableException("killed"), 610));
        clock.Advance(RecoveryPolicy.MinStretch);
        Assert.False(policy.TryRecover(new SiloUnavailableException("killed"), 600));
        Assert.Equal(7, policy.Recoveries);

        policy.Reset(7);
        Assert.True(policy.TryRecover(new PlayerLostException("after a resume"), 10));
    }

    [Fact]
    public void A_silo_not_yet_declared_dead_fails_the_same_round_for_as_long_as_membership_takes_and_the_game_waits_longer_each_time()
    {
        // Membership takes seconds to declare a killed silo dead; until then each replay fails at the round that
        // calls a grain that was there. Three such failures within seconds do not end the game; once the stretch has
        // lasted MinStretch, the next does.
        var clock = new ManualClock();
        var policy = new RecoveryPolicy(clock);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(policy.TryRecover(new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:40333"), 160));
            waits.Add(policy.WaitBeforeAttempt(1));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(RecoveryPolicy.WaitBefore(1), waits[0]);
        Assert.True(waits.Zip(waits.Skip(1)).All(w => w.Second > w.First), string.Join(", ", waits));
        clock.Advance(RecoveryPolicy.MinStretch);
        Assert.False(policy.TryRecover(new Orleans.Runtime.Messaging.ConnectionFailedException("still unreachable"), 160));
        Assert.Equal(6, policy.Recoveries);

        // A checkpoint starts a new stretch, and its clock.
        policy.Checkpointed();
        Assert.True(policy.TryRecover(new SiloUnavailableException("killed"), 160));
        Assert.Equal(RecoveryPolicy.WaitBefore(1), policy.WaitBeforeAttempt(1));
    }

    [Fact]
    public void Any_other_failure_ends_the_game()
    {
        var policy = new RecoveryPolicy();
        Assert.False(policy.TryRecover(new InvalidOperationException("a bug"), 1));
        Assert.False(policy.TryRecover(new ExternalException("mat1 and mat2 shapes cannot be multiplied"), 1));
        Assert.Equal(0, policy.Recoveries);
    }

    [Fact]
    public void Re_seating_is_retried_only_for_a_lost_player_and_only_so_often()
    {
        Assert.True(RecoveryPolicy.MayRetry(new PlayerLostException("x"), 1));
        Assert.False(RecoveryPolicy.MayRetry(new PlayerLostException("x"), RecoveryPolicy.MaxAttempts));
        Assert.False(RecoveryPolicy.MayRetry(new InvalidDataException("bad checkpoint"), 1));
        Assert.True(RecoveryPolicy.WaitBefore(2) > RecoveryPolicy.WaitBefore(1));
    }
}
