using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Minibatch discrimination (Salimans et al. 2016, sec. 3.2): with a tensor T of A x B x C, each sample's features
/// f(x_i) in R^A give M_i = f(x_i) T in R^(B x C); c_b(x_i, x_j) = exp(-|M_(i,b) - M_(j,b)|_L1) and
/// o(x_i)_b = sum_j c_b(x_i, x_j) over the whole minibatch (j = i included, as in the paper's formula: a constant 1
/// the next layer's bias absorbs). The output is [f(x_i), o(x_i)], A + B features, so the discriminator can tell a
/// minibatch of near-identical samples (a collapsed generator) from a varied one.
/// </summary>
public sealed class MinibatchDiscrimination : NetworkLayer
{
    private readonly int _kernels;
    private readonly int _kernelSize;

    /// <summary>Compares <paramref name="features"/>-dimensional features through <paramref name="kernels"/> kernels of dimension <paramref name="kernelSize"/>.</summary>
    public MinibatchDiscrimination(int features, int kernels, int kernelSize)
        : base(nameof(MinibatchDiscrimination))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        (_kernels, _kernelSize) = (kernels, kernelSize);
        AddParameter("weight", features, kernels * kernelSize);
    }

    /// <summary>o(x) for features <paramref name="features"/> [N, A] and T given as [A, B*C].</summary>
    public Tensor Similarities(Tensor features, Tensor t)
    {
        var m = features.matmul(t).reshape(-1, _kernels, _kernelSize);
        var distances = (m.unsqueeze(1) - m.unsqueeze(0)).abs().sum(3);
        return exp(-distances).sum(1);
    }

    /// <inheritdoc />
    /// <remarks>Only the last layer follows this one, so the reference batch goes no further.</remarks>
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        var t = parameters.Next();
        return (cat([input, Similarities(input, t)], 1), null);
    }

    /// <inheritdoc />
    /// <remarks>N(0, 0.05), the initialisation of the authors' code.</remarks>
    public override void Initialize(Generator stream, InitializationScheme scheme) => DrawNormal("weight", stream, 0, 0.05);
}
