using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// How a convolutional discriminator reads a class: the flat [x, onehot(y)] rows that
/// <see cref="ClassConditioning.Input"/> makes for every conditional player become maps [1 + n, 28, 28], the image and
/// then n constant planes, plane k all ones when the sample is of class k and zeros otherwise. This is the usual
/// practice for convolutional conditional discriminators: the condition is replicated spatially and depth-concatenated
/// to the maps (Reed et al. 2016, sec. 3.1, do it at a 4x4 layer; conditional DCGANs on MNIST commonly do it at the
/// input, as here, so the first convolution already sees y), because a one-hot vector appended to the 784 pixels
/// cannot itself be reshaped into a 28x28 map. The flat contract is kept so that every player and the reference trainer build
/// the discriminator's input one way, and x stays a leaf whose gradient message is [batch, 784].
/// </summary>
public sealed class ClassChannels : NetworkLayer
{
    private readonly int _classes;

    /// <summary>Reads rows of 784 pixels followed by <paramref name="classes"/> one-hot values.</summary>
    public ClassChannels(int classes)
        : base(nameof(ClassChannels))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        _classes = classes;
    }

    /// <summary>The number of class planes after the image channel.</summary>
    public int Classes => _classes;

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Reference) Apply(Tensor input, Tensor? reference, ParameterCursor parameters)
    {
        // A virtual-batch reference batch is real samples drawn without their classes: the validator refuses that pair.
        if (reference is not null)
        {
            throw new InvalidOperationException("a class-conditional discriminator cannot normalise by a reference batch, which carries no classes");
        }

        if (input.ndim != 2 || input.shape[1] != DcganGenerator.ImageSize + _classes)
        {
            throw new ArgumentException(
                $"a conditional DCGAN discriminator reads [batch, {DcganGenerator.ImageSize} + {_classes}] ([x, onehot(y)]); got [{string.Join(",", input.shape)}]",
                nameof(input));
        }

        var batch = input.shape[0];
        var image = input.narrow(1, 0, DcganGenerator.ImageSize).reshape(batch, 1, 28, 28);
        var planes = input.narrow(1, DcganGenerator.ImageSize, _classes).reshape(batch, _classes, 1, 1).expand(batch, _classes, 28, 28);
        return (cat([image, planes], 1), null);
    }
}
