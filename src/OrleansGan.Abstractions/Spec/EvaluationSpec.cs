namespace OrleansGan.Abstractions.Spec;

/// <summary>How often and how the game is evaluated.</summary>
/// <param name="Every">Evaluate every this many rounds (and always after the last round).</param>
/// <param name="Samples">Generated samples per evaluation (VEEGAN and PacGAN use 2,500).</param>
/// <param name="QualityStds">A sample is high-quality when within this many standard deviations of a mode.</param>
/// <param name="MinSamplesPerMode">A mode is covered when at least this many high-quality samples fall nearest to it.</param>
/// <param name="Rule">When a sample is high-quality and a mode covered: this project's rule, or VEEGAN's and PacGAN's.</param>
/// <param name="TrackParameters">Record both players' parameters after every round (small games only: at most 64 parameters).</param>
/// <param name="FieldEvery">
/// On 2-D data, record the field (D over the plotted square, the gradient message, the manifold) with every this many
/// evaluations, counted by round (round / <paramref name="Every"/> a multiple of it) and always with the last; 0 never.
/// </param>
[GenerateSerializer, Immutable]
public sealed record EvaluationSpec(
    [property: Id(0)] int Every,
    [property: Id(1)] int Samples,
    [property: Id(2)] double QualityStds,
    [property: Id(3)] int MinSamplesPerMode,
    [property: Id(4)] bool TrackParameters,
    [property: Id(5)] CoverageRule Rule = CoverageRule.MinSamples,
    [property: Id(6)] int FieldEvery = 1);
