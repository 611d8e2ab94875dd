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
