using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Class-conditional players (Mirza and Osindero 2014, eq. 2: min_G max_D E log D(x|y) + E log(1 - D(G(z|y)|y))):
/// the class y enters a network as a one-hot vector read next to its usual input, [z, onehot(y)] for the generator and
/// [x, onehot(y)] for the discriminator. For a dense first layer (the MLPs, the DCGAN generator's projection of z) only
/// that layer widens; the DCGAN discriminator, which reads images, splits the n one-hot values back off and sees them
/// as n constant class channels beside the image (<see cref="ClassChannels"/>). Either way every player builds its
/// input one way, and x stays a leaf of its own: the gradient message dJ_G/dx keeps the shape [batch, dimension].
/// </summary>
public static class ClassConditioning
{
    /// <summary>
    /// The number of classes the players of <paramref name="spec"/> are conditioned on: the data's classes under
    /// <see cref="ClassLabels.Conditional"/>, otherwise 0 (unconditional).
    /// </summary>
    public static int Classes(GameSpec spec) => Classes(spec.Stabilizers.ClassLabels, spec.Data);

    /// <summary>The number of classes a player is conditioned on for this mode and data (0: unconditional).</summary>
    public static int Classes(ClassLabels mode, DataSpec data) =>
        mode == ClassLabels.Conditional ? RealData.ClassCountOf(data.Kind) : 0;

    /// <summary>
    /// The generator's network, reading [z, onehot(y)] when <paramref name="classes"/> is positive: the MLP's and the
    /// DCGAN generator's first layer is dense on its input, so it just reads latentSize + n values.
    /// </summary>
    public static PlayerNetwork Generator(GeneratorSpec spec, int classes) =>
        PlayerNetworks.Generator(classes == 0 ? spec : spec with { LatentSize = spec.LatentSize + classes });

    /// <summary>
    /// The discriminator's network: reading [x, onehot(y)] when <paramref name="classes"/> is positive, with
    /// <paramref name="outputs"/> logits per sample (n + 1 for the (n+1)-class discriminator).
    /// </summary>
    public static PlayerNetwork Discriminator(DiscriminatorSpec spec, int classes, int outputs = 1) =>
        PlayerNetworks.Discriminator(spec, outputs, classes);

    /// <summary>
    /// A network's input: <paramref name="input"/> itself when <paramref name="classes"/> is 0, else
    /// [input, onehot(labels)], the one-hot in the input's dtype and on its device.
    /// </summary>
    public static Tensor Input(Tensor input, Tensor? labels, int classes)
    {
        if (classes == 0)
        {
            return input;
        }

        var y = labels ?? throw new ArgumentNullException(nameof(labels), "a class-conditional network needs the class of every sample");
        return cat([input, one_hot(y.to(ScalarType.Int64), classes).to(input.dtype).to(input.device)], 1);
    }

    /// <summary>
    /// Classes drawn uniformly from <paramref name="stream"/> (on the host, so every device sees the same numbers):
    /// the y of a class-conditional generator's minibatch, drawn right after its z.
    /// </summary>
    public static Tensor Draw(int count, int classes, Generator stream) =>
        randint(0, classes, [count], dtype: ScalarType.Int64, generator: stream);

    /// <summary>
    /// The classes of an evaluation sample: sample i has class i mod n, so every class is equally represented and the
    /// generator and the discriminator agree on them without exchanging them.
    /// </summary>
    public static Tensor Balanced(int count, int classes) => tensor(BalancedClasses(count, classes).Select(y => (long)y).ToArray());

    /// <summary>
    /// The classes of <see cref="Balanced"/> as plain integers, for those that judge an evaluation sample without
    /// tensors (the image evaluation's class accuracy).
    /// </summary>
    public static int[] BalancedClasses(int count, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        return Enumerable.Range(0, count).Select(i => i % classes).ToArray();
    }

    /// <summary>
    /// What is wrong with <paramref name="labels"/> as the classes of <paramref name="count"/> samples among
    /// <paramref name="classes"/> (0: the receiver is unconditional and wants none), or null when nothing is.
    /// </summary>
    public static string? Problem(Tensor? labels, long count, int classes)
    {
        if (labels is not null && (labels.ndim != 1 || labels.dtype is not (ScalarType.Int64 or ScalarType.Int32)))
        {
            return $"has class labels of shape [{string.Join(",", labels.shape)}] and type {labels.dtype}; they must be one integer per sample";
        }

        return LabelProblem(labels?.cpu().to(ScalarType.Int64).data<long>().ToArray(), count, classes);
    }

    private static string? LabelProblem(long[]? labels, long count, int classes)
    {
        if (classes == 0)
        {
            return labels is null ? null : $"carries {labels.Length} class labels, but the receiver is not class-conditional";
        }

        if (labels is null)
        {
            return $"has no class labels, but the receiver is class-conditional on {classes} classes and needs the class of every sample";
        }

        if (labels.Length != count)
        {
            return $"has {labels.Length} class labels for {count} samples";
        }

        var bad = Array.FindIndex(labels, y => y < 0 || y >= classes);
        return bad < 0 ? null : $"has class label {labels[bad]} at sample {bad}, outside the classes 0..{classes - 1}";
    }
}
