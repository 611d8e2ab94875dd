using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Networks;

/// <summary>How a layered network draws its initial weights: a family and the parameters it reads.</summary>
/// <param name="Kind">The family.</param>
/// <param name="Std">The weights' std (<see cref="InitializationKind.Normal"/>).</param>
/// <param name="Gain">The orthogonal matrix's factor (<see cref="InitializationKind.Orthogonal"/>).</param>
public sealed record InitializationScheme(InitializationKind Kind, double Std = 0.02, double Gain = 1)
{
    /// <summary>PyTorch's Linear default.</summary>
    public static InitializationScheme PyTorchDefault { get; } = new(InitializationKind.PyTorchDefault);

    /// <summary>Radford et al.'s DCGAN initialisation.</summary>
    public static InitializationScheme Dcgan { get; } = new(InitializationKind.Dcgan);

    /// <summary>The scheme a player spec asks for, or <paramref name="own"/> (the network's own) when it asks for none.</summary>
    public static InitializationScheme For(InitializationSpec? spec, InitializationScheme own) => spec?.Scheme switch
    {
        null or WeightInitialization.Network => own,
        WeightInitialization.Pytorch => PyTorchDefault,
        WeightInitialization.Normal => new(InitializationKind.Normal, Std: spec.Std),
        WeightInitialization.Orthogonal => new(InitializationKind.Orthogonal, Gain: spec.Gain),
        WeightInitialization.GlorotUniform => new(InitializationKind.GlorotUniform),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Scheme, "unknown weight initialization"),
    };
}
