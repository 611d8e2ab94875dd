using System.Runtime.InteropServices;
using OrleansGan.Abstractions.Players;
using OrleansGan.Grains.Game;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>What a game recovers from, and how often, decided without a cluster.</summary>
public class RecoveryPolicyTests
{
    private const string RaceMessage = "Expected false to be true, but got false.\nException raised from toDouble at /pytorch/c10/core/Scalar.h:140 (most recent call first):";

    [Fact]
    public void A_lost_player_or_the_scalar_race_is_recovered_at_most_three_times_between_checkpoints()
    {
        var policy = new RecoveryPolicy();
        Assert.True(policy.TryRecover(new PlayerLostException("gone")));
        Assert.True(policy.TryRecover(new AggregateException(new TimeoutException())));
        Assert.True(policy.TryRecover(new ExternalException(RaceMessage)));
        Assert.False(policy.TryRecover(new PlayerLostException("gone again")));
        Assert.Equal(3, policy.Recoveries);

        policy.Checkpointed();
        Assert.True(policy.TryRecover(new PlayerLostException("later")));
        Assert.Equal(4, policy.Recoveries);
    }

    [Fact]
    public void Any_other_failure_ends_the_game()
    {
        var policy = new RecoveryPolicy();
        Assert.False(policy.TryRecover(new InvalidOperationException("a bug")));
        Assert.False(policy.TryRecover(new ExternalException("mat1 and mat2 shapes cannot be multiplied")));
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
