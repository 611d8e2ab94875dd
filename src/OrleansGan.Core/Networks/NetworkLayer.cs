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

    /// <summary>
    /// Overwrites <paramref name="name"/> (shape [rows, ...]) with a random (semi-)orthogonal matrix times
    /// <paramref name="gain"/>: the rows are orthonormal when there are no more rows than columns, else the columns
    /// (Saxe et al. 2014). Written here because TorchSharp's init.orthogonal_ takes no generator and would draw from the
    /// global stream; this is PyTorch's algorithm (QR of a Gaussian matrix, signs fixed by R's diagonal so the result is
    /// uniformly distributed), drawn from the player's own stream.
    /// </summary>
    protected void DrawOrthogonal(string name, Generator stream, double gain)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parameter = Own(name);
        var rows = parameter.shape[0];
        var columns = parameter.NumberOfElements / rows;
        var flat = randn([rows, columns], generator: stream);
        var wide = rows < columns;
        var (q, r) = linalg.qr(wide ? flat.t() : flat);
        q = q * r.diagonal().sign().unsqueeze(0);
        parameter.copy_((wide ? q.t() : q).reshape(parameter.shape) * gain);
    }

    /// <summary>
    /// Initialises an affine map's "weight" [fanOut, fanIn] and, when it has one, its "bias" by <paramref name="scheme"/>:
    /// the one rule for every dense-like layer (dense, maxout).
    /// </summary>
    protected void InitializeAffine(Generator stream, InitializationScheme scheme, long fanIn, long fanOut, bool hasBias)
    {
        switch (scheme.Kind)
        {
            case InitializationKind.PyTorchDefault:
                var bound = 1.0 / Math.Sqrt(fanIn);
                DrawUniform("weight", stream, bound);
                if (hasBias)
                {
                    DrawUniform("bias", stream, bound);
                }

                return;
            case InitializationKind.Dcgan:
                DrawNormal("weight", stream, 0, 0.02);
                break;
            case InitializationKind.Normal:
                DrawNormal("weight", stream, 0, scheme.Std);
                break;
            case InitializationKind.Orthogonal:
                DrawOrthogonal("weight", stream, scheme.Gain);
                break;
            case InitializationKind.GlorotUniform:
                DrawUniform("weight", stream, Math.Sqrt(6.0 / (fanIn + fanOut)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme.Kind, "unknown initialization");
        }

        if (hasBias)
        {
            FillParameter("bias", 0);
        }
    }

    /// <summary>Overwrites <paramref name="name"/> with <paramref name="value"/>.</summary>
    protected void FillParameter(string name, double value)
    {
        using var noGrad = no_grad();
        Own(name).fill_(value);
    }
}
