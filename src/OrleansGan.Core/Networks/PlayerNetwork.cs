using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// A player's network. Besides the ordinary forward, it can run with parameters given explicitly, which is how an
/// unrolled discriminator is evaluated at parameters that are themselves functions of the generator's samples.
/// </summary>
public abstract class PlayerNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected PlayerNetwork(string name)
        : base(name)
    {
    }

    /// <summary>Sets the initial parameters: a constant when <paramref name="initialValue"/> is given, else a draw from <paramref name="stream"/>.</summary>
    public abstract void Initialize(Generator stream, double? initialValue);

    /// <summary>The forward pass with <paramref name="parameters"/> (in <c>parameters()</c> order) in place of the module's own.</summary>
    public abstract Tensor ForwardWith(Tensor input, IReadOnlyList<Tensor> parameters);

    /// <summary>
    /// True when the network normalises with a virtual-batch reference batch, which must be given by
    /// <see cref="SetReferenceBatch"/> before the first forward pass.
    /// </summary>
    public virtual bool UsesReferenceBatch => false;

    /// <summary>Fixes the virtual-batch reference batch (network inputs: latent vectors or real samples) for the whole game.</summary>
    /// <exception cref="InvalidOperationException">The network does not use one.</exception>
    public virtual void SetReferenceBatch(Tensor batch) =>
        throw new InvalidOperationException($"{GetName()} has no virtual batch normalisation, so no reference batch");

    /// <summary>Every parameter set to <paramref name="initialValue"/> when given, else drawn from N(0, 1) with <paramref name="stream"/>.</summary>
    protected void FillOrDrawNormal(Generator stream, double? initialValue)
    {
        if (initialValue is { } value)
        {
            Fill(value);
            return;
        }

        using var noGrad = no_grad();
        foreach (var parameter in parameters())
        {
            using var draw = randn(parameter.shape, generator: stream);
            parameter.copy_(draw);
        }
    }

    /// <summary>Fills every parameter with <paramref name="value"/>.</summary>
    protected void Fill(double value)
    {
        using var noGrad = no_grad();
        foreach (var parameter in parameters())
        {
            parameter.fill_(value);
        }
    }
}
