namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>What the evidence says about one property of a point.</summary>
public enum Answer
{
    /// <summary>The evidence establishes it.</summary>
    Yes,

    /// <summary>The evidence rules it out.</summary>
    No,

    /// <summary>The evidence does not decide (an eigenvalue within tolerance of zero, a solver that did not converge).</summary>
    Undetermined,
}
