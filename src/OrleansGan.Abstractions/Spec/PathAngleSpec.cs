namespace OrleansGan.Abstractions.Spec;

/// <summary>
/// The path-angle (Berard et al. 2020): along w(alpha) = (1 - alpha) w_start + alpha w_end, the cosine between the
/// field v(w(alpha)) and the segment, and |v|^2.
/// </summary>
/// <param name="Points">Points on the path (Berard et al. use 100); 0 turns it off.</param>
/// <param name="From">The first alpha (-0.1: a little before the start).</param>
/// <param name="To">The last alpha (1.1: a little past the end).</param>
[GenerateSerializer, Immutable]
public sealed record PathAngleSpec(
    [property: Id(0)] int Points,
    [property: Id(1)] double From = -0.1,
    [property: Id(2)] double To = 1.1);
