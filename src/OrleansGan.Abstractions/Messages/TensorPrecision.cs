namespace OrleansGan.Abstractions.Messages;

/// <summary>The element type of a tensor message.</summary>
public enum TensorPrecision
{
    /// <summary>32-bit floats: every message of the game itself.</summary>
    Float32,

    /// <summary>64-bit floats: the equilibrium diagnostics, whose products are checked against exact answers.</summary>
    Float64,
}
