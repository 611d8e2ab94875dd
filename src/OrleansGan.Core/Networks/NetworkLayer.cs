using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// One layer of a <see cref="LayeredNetwork"/>, written functionally: it takes its parameters from a cursor rather than
/// its own fields, so the same code runs the network with its parameters or with look-ahead ones. A virtual-batch
/// reference batch, when the network has one, travels through every layer beside the minibatch.
/// </summary>
public abstract class NetworkLayer : nn.Module
{
    /// <summary>Creates the layer.</summary>
    protected NetworkLayer(string name)
        : base(name)
    {
    }

    /// <summary>
    /// The layer applied to <paramref name="input"/> and to <paramref name="reference"/> (null when the network has no
    /// reference batch, or when nothing after this layer needs it).
    /// </summary>
    public abstract (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters);

    /// <summary>Draws this layer's initial parameters from <paramref name="stream"/> by <paramref name="scheme"/>.</summary>
    public virtual void Initialize(Generator stream, InitializationScheme scheme)
    {
    }

    /// <summary>Registers a parameter of <paramref name="shape"/> (zeros until initialised).</summary>
    protected void AddParameter(string name, params long[] shape) =>
        register_parameter(name, new TorchSharp.Modules.Parameter(zeros(shape)));

    /// <summary>This layer's parameter <paramref name="name"/>, for initialisation (never cached: moving a module replaces it).</summary>
    protected TorchSharp.Modules.Parameter Own(string name) =>
        named_parameters(recurse: false).Single(p => p.name == name).parameter;

    /// <summary>Overwrites <paramref name="name"/> with N(<paramref name="mean"/>, <paramref name="std"/>) drawn from <paramref name="stream"/>.</summary>
    protected void DrawNormal(string name, Generator stream, double mean, double std)
    {
        using var noGrad = no_grad();
        var parameter = Own(name);
        using var draw = (randn(parameter.shape, generator: stream) * std) + mean;
        parameter.copy_(draw);
    }

    /// <summary>Overwrites <paramref name="name"/> with U(-bound, bound) drawn from <paramref name="stream"/>.</summary>
    protected void DrawUniform(string name, Generator stream, double bound)
    {
        using var noGrad = no_grad();
        var parameter = Own(name);
        using var draw = (rand(parameter.shape, generator: stream) * (2 * bound)) - bound;
        parameter.copy_(draw);
    }

    /// <summary>Overwrites <paramref name="name"/> with <paramref name="value"/>.</summary>
    protected void FillParameter(string name, double value)
    {
        using var noGrad = no_grad();
        Own(name).fill_(value);
    }
}
