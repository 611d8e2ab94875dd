namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// Minibatch discrimination (Salimans et al. 2016, sec. 3.2): B kernels of dimension C compare each sample's features
/// with those of the other samples of its minibatch, and the similarities join the features before the last layer.
/// </summary>
/// <param name="Kernels">B, the number of similarity kernels; 0 turns minibatch discrimination off.</param>
/// <param name="KernelSize">C, the dimension of each kernel's projection.</param>
[GenerateSerializer, Immutable]
public sealed record MinibatchFeaturesSpec(
    [property: Id(0)] int Kernels,
    [property: Id(1)] int KernelSize);
