namespace OrleansGan.Abstractions.Spec;

/// <summary>When an evaluation of a mixture counts a sample as high-quality and a mode as covered.</summary>
public enum CoverageRule
{
    /// <summary>
    /// This project's rule: a sample is high-quality when within evaluation.qualityStds std of its nearest mean
    /// (distance &lt;= k std), and a mode is covered when at least evaluation.minSamplesPerMode high-quality samples
    /// are nearest to it (20 by default, so a stray sample does not count).
    /// </summary>
    MinSamples,

    /// <summary>
    /// VEEGAN's and PacGAN's rule, as PacGAN's MetricLogger computes it: a sample is high-quality when its distance to
    /// the nearest mean is below evaluation.qualityStds std (3 in both papers; strictly below), and a mode is captured
    /// when it is the nearest mean of at least one high-quality sample (evaluation.minSamplesPerMode is not read).
    /// Both papers evaluate 2,500 samples.
    /// </summary>
    VeeganPacgan,
}
