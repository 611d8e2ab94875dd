using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Grains;

/// <summary>The generator player of one game. Key: "{gameId}/generator".</summary>
public interface IGeneratorGrain : IPlayerGrain, IProbedPlayer
{
    /// <summary>Builds the network, optimizer and random stream; replaces any previous seat.</summary>
    Task JoinAsync(GeneratorSetup setup);

    /// <summary>Draws z from the player's stream and returns x = G(z); keeps G(z)'s graph when asked to.</summary>
    Task<FakeMinibatch> ProposeAsync(int batchSize, bool keepForGradient);

    /// <summary>
    /// Draws <paramref name="withoutGradient"/> + 1 minibatches x = G(z) in turn from the player's stream, the last one
    /// keeping G(z)'s graph: an alternating round's minibatches for the discriminator's steps and for the generator's
    /// first step, between which the generator does not move (the same draws as that many <see cref="ProposeAsync"/> calls).
    /// </summary>
    Task<FakeMinibatch[]> ProposeSeveralAsync(int batchSize, int withoutGradient);

    /// <summary>Back-propagates dJ_G/dx through the kept G(z) and takes one step by <paramref name="rule"/>.</summary>
    Task<GeneratorMoveReport> ApplyGradientAsync(GradientMessage message, UpdateRule rule);

    /// <summary>Consensus: computes grad_theta J_G = J_x^T u for the kept G(z) and returns the tangent J_x grad_theta J_G.</summary>
    Task<GeneratorTangent> TangentAsync(GradientMessage message);

    /// <summary>Consensus: steps along grad_theta J_G + gamma grad_theta(1/2 |v|^2), completed by the discriminator's terms.</summary>
    Task<GeneratorMoveReport> ApplyConsensusAsync(ConsensusCorrection correction);

    /// <summary>Generates samples from a fresh stream with the given seed, leaving the training stream untouched.</summary>
    Task<TensorBytes> SampleAsync(int count, ulong seed);

    /// <summary>The generator's manifold: G over a regular [lines, lines] grid of its first two latent coordinates (the others 0); null with fewer than two.</summary>
    Task<TensorBytes?> ManifoldAsync(int lines);

    /// <summary>Diagnostics: x = G(z) for the probe's fixed z, on one chunk (-1: the whole batch).</summary>
    Task<FakeMinibatch> ProbeSamplesAsync(int chunk);

    /// <summary>Diagnostics: the tangent t = J_x u for u in a slot (batch-shaped), which the discriminator needs for a product.</summary>
    Task<TensorBytes> ProbeTangentAsync(int slot);

    /// <summary>Diagnostics: a slot = J_x^T s for the discriminator's cotangent s, plus the generator's own curvature term when asked.</summary>
    Task ProbePullbackAsync(ProbePullback pullback);
}
