using Complex = System.Numerics.Complex;
using OrleansGan.Abstractions.Diagnostics;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// Orders Ritz values, wanted first, keeping each conjugate pair together: a restart must keep or drop both of a pair,
/// or the basis would stop being real.
/// </summary>
internal static class SpectrumOrder
{
    /// <summary>The indices of <paramref name="pairs"/>, wanted first; the two of a conjugate pair adjacent, Im &gt; 0 first.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<RitzPair> pairs, EigenvalueSelection selection)
    {
        var clusters = new List<int[]>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Partner < 0)
            {
                clusters.Add([i]);
            }
            else if (pairs[i].Value.Imaginary > 0)
            {
                clusters.Add([i, pairs[i].Partner]);
            }
        }

        return clusters
            .OrderByDescending(c => Preference(pairs[c[0]].Value, selection))
            .ThenBy(c => c[0])
            .SelectMany(c => c)
            .ToList();
    }

    /// <summary>
    /// The number of leading entries of <paramref name="order"/> to keep so that at least <paramref name="count"/> are
    /// kept and no conjugate pair is split.
    /// </summary>
    public static int Keep(IReadOnlyList<RitzPair> pairs, IReadOnlyList<int> order, int count)
    {
        var keep = Math.Min(count, order.Count);
        if (keep > 0 && keep < order.Count && pairs[order[keep - 1]].Partner == order[keep])
        {
            keep++;
        }

        return keep;
    }

    // Larger is more wanted.
    private static double Preference(Complex value, EigenvalueSelection selection) => selection switch
    {
        EigenvalueSelection.LargestMagnitude => value.Magnitude,
        EigenvalueSelection.LargestReal => value.Real,
        EigenvalueSelection.SmallestReal => -value.Real,
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, "unknown selection"),
    };
}
