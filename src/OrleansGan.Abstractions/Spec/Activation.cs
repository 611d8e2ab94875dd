namespace OrleansGan.Abstractions.Spec;

/// <summary>The nonlinearity between the hidden layers of an MLP player.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>max(0.2 x, x), the DCGAN discriminator's choice.</summary>
    LeakyRelu,

    /// <summary>tanh(x).</summary>
    Tanh,
}
