using static TorchSharp.torch;

namespace OrleansGan.Core.Networks;

/// <summary>
/// Hands a layered network's parameters to its layers in registration order, so that a forward pass can run with
/// parameters given from outside (an unrolled discriminator's look-ahead parameters) as well as with its own.
/// </summary>
public sealed class ParameterCursor(IReadOnlyList<Tensor> parameters)
{
    private int _next;

    /// <summary>The next parameter.</summary>
    /// <exception cref="ArgumentException">Fewer parameters were given than the layers use.</exception>
    public Tensor Next() => _next < parameters.Count
        ? parameters[_next++]
        : throw new ArgumentException($"the network's layers use more than the {parameters.Count} parameters given", nameof(parameters));

    /// <summary>Throws unless every parameter was used: a list of another network's parameters must not pass silently.</summary>
    public void CheckAllUsed()
    {
        if (_next != parameters.Count)
        {
            throw new ArgumentException($"{parameters.Count} parameters given; the network's layers use {_next}", nameof(parameters));
        }
    }
}
