using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Grains;

/// <summary>The discriminator player of one game. Key: "{gameId}/discriminator".</summary>
public interface IDiscriminatorGrain : IPlayerGrain, IProbedPlayer
{
    /// <summary>Builds the network, optimizer, data source and random stream; replaces any previous seat.</summary>
    Task JoinAsync(DiscriminatorSetup setup);

    /// <summary>Draws a real minibatch, and takes one step by <paramref name="rule"/> on J_D against the fake minibatch.</summary>
    Task<DiscriminatorMoveReport> UpdateAsync(FakeMinibatch fake, UpdateRule rule);

    /// <summary>Returns dJ_G/dx for the fake minibatch at the current parameters, without updating.</summary>
    Task<GradientMessage> JudgeAsync(FakeMinibatch fake);

    /// <summary>
    /// Takes one update by <paramref name="rule"/> against each of <paramref name="updates"/> in turn (each on a real
    /// minibatch it draws), then returns dJ_G/dx for <paramref name="judged"/> at the parameters reached: an
    /// alternating round's discriminator steps and judgment in one call (the same moves as <see cref="UpdateAsync"/>
    /// for each, then <see cref="JudgeAsync"/>).
    /// </summary>
    Task<UpdatesThenJudgment> UpdateThenJudgeAsync(FakeMinibatch[] updates, FakeMinibatch judged, UpdateRule rule);

    /// <summary>Judges the fake minibatch at the current parameters, then updates from it by <paramref name="rule"/> (one simultaneous move).</summary>
    Task<JudgeThenUpdateReply> JudgeThenUpdateAsync(FakeMinibatch fake, UpdateRule rule);

    /// <summary>
    /// Unrolled GAN: returns dJ_G/dx against the discriminator as it would be after <paramref name="unrollSteps"/> optimizer
    /// steps on this round's minibatches (differentiated through them when <paramref name="throughSteps"/>), then takes its
    /// ordinary step from the current parameters on the same minibatches.
    /// </summary>
    Task<JudgeThenUpdateReply> JudgeUnrolledThenUpdateAsync(FakeMinibatch fake, int unrollSteps, bool throughSteps);

    /// <summary>Consensus: draws a real minibatch and returns u = dJ_G/dx and q = d(1/2 |grad_psi J_D|^2)/dx, keeping the graph.</summary>
    Task<ConsensusJudgment> ConsensusJudgeAsync(FakeMinibatch fake);

    /// <summary>Consensus: steps along grad_psi J_D + gamma grad_psi(1/2 |v|^2) using the generator's tangent; returns H_xx t.</summary>
    Task<ConsensusUpdateReply> ConsensusUpdateAsync(GeneratorTangent tangent, double weight);

    /// <summary>Mean D on a fresh real sample drawn with the given seed, and on the given fake sample.</summary>
    Task<DiscriminatorEvaluation> EvaluateAsync(TensorBytes fake, ulong seed);

    /// <summary>
    /// A field picture's part of the discriminator: D over a [cells, cells] grid of [-extent, extent]^2, and dJ_G/dx at
    /// <paramref name="fake"/> as round <paramref name="round"/> judges it (any instance noise drawn from
    /// <paramref name="noiseSeed"/>, so the training stream is untouched). Nothing is updated.
    /// </summary>
    Task<DiscriminatorField> FieldAsync(TensorBytes fake, int cells, double extent, int round, ulong noiseSeed);

    /// <summary>
    /// The game's value V = -J_D (the loss's J_D, no penalties, no noise) on a fake minibatch against as many real samples
    /// drawn with <paramref name="seed"/> from <paramref name="part"/> of the data (all of it when null).
    /// </summary>
    Task<double> ValueAsync(TensorBytes fake, ulong seed, DataPart? part);

    /// <summary>Diagnostics: judges the probe's fakes (one chunk, or -1 for the whole batch, kept for products); returns g = dJ_G/dx and writes grad_psi J_D into a slot (none when -1).</summary>
    Task<ProbeJudgment> ProbeJudgeAsync(FakeMinibatch fake, int chunk, int fieldSlot);

    /// <summary>Diagnostics: the discriminator's part of a product; keeps its block in a slot and returns the cotangent the generator pulls back (null when there is none).</summary>
    Task<TensorBytes?> ProbeProductAsync(ProbeProduct product);
}
