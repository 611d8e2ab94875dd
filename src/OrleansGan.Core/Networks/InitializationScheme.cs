namespace OrleansGan.Core.Networks;

/// <summary>How a layered network draws its initial weights (always from the player's own stream).</summary>
public enum InitializationScheme
{
    /// <summary>PyTorch's Linear default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases; normalisation scale 1.</summary>
    PyTorchDefault,

    /// <summary>Radford et al. 2016, sec. 4: weights from N(0, 0.02), biases 0, normalisation scales from N(1, 0.02).</summary>
    Dcgan,
}
