using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Grains;

/// <summary>The discriminator player of one game. Key: "{gameId}/discriminator".</summary>
public interface IDiscriminatorGrain : IGrainWithStringKey
{
    /// <summary>Builds the network, optimizer, data source and random stream; replaces any previous seat.</summary>
    Task JoinAsync(DiscriminatorSetup setup);

    /// <summary>Draws a real minibatch, and takes one optimizer step on J_D against the fake minibatch.</summary>
    Task<DiscriminatorMoveReport> UpdateAsync(FakeMinibatch fake);

    /// <summary>Returns dJ_G/dx for the fake minibatch at the current parameters, without updating.</summary>
    Task<GradientMessage> JudgeAsync(FakeMinibatch fake);

    /// <summary>Judges the fake minibatch at the current parameters, then updates from it (one simultaneous move).</summary>
    Task<JudgeThenUpdateReply> JudgeThenUpdateAsync(FakeMinibatch fake);

    /// <summary>Mean D on a fresh real sample drawn with the given seed, and on the given fake sample.</summary>
    Task<DiscriminatorEvaluation> EvaluateAsync(TensorBytes fake, ulong seed);

    /// <summary>The current parameters.</summary>
    Task<ParameterSnapshot> GetParametersAsync();
}
