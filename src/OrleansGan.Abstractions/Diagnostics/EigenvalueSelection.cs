namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>Which end of a spectrum an eigensolver looks for (ARPACK's "which": LM, LR, SR).</summary>
public enum EigenvalueSelection
{
    /// <summary>The eigenvalues of largest modulus.</summary>
    LargestMagnitude,

    /// <summary>The eigenvalues of largest real part (for a symmetric operator: the largest eigenvalues).</summary>
    LargestReal,

    /// <summary>The eigenvalues of smallest real part (for a symmetric operator: the smallest eigenvalues).</summary>
    SmallestReal,
}
