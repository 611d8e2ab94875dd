using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;

namespace OrleansGan.Abstractions.Grains;

/// <summary>The generator player of one game. Key: "{gameId}/generator".</summary>
public interface IGeneratorGrain : IGrainWithStringKey
{
    /// <summary>Builds the network, optimizer and random stream; replaces any previous seat.</summary>
    Task JoinAsync(GeneratorSetup setup);

    /// <summary>Draws z from the player's stream and returns x = G(z); keeps G(z)'s graph when asked to.</summary>
    Task<FakeMinibatch> ProposeAsync(int batchSize, bool keepForGradient);

    /// <summary>Back-propagates dJ_G/dx through the kept G(z) and takes one optimizer step.</summary>
    Task<GeneratorMoveReport> ApplyGradientAsync(GradientMessage message);

    /// <summary>Generates samples from a fresh stream with the given seed, leaving the training stream untouched.</summary>
    Task<TensorBytes> SampleAsync(int count, ulong seed);

    /// <summary>The current parameters.</summary>
    Task<ParameterSnapshot> GetParametersAsync();
}
