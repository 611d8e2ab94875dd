namespace OrleansGan.Core.Sweeps;

/// <summary>How a sweep's axes make games.</summary>
public enum SweepCombination
{
    /// <summary>Every combination of one value from each axis (the first axis varies slowest).</summary>
    Cartesian,

    /// <summary>The i-th value of every axis together; all axes have the same number of values.</summary>
    Zipped,
}
