namespace OrleansGan.Core.Theory;

/// <summary>
/// The measured per-round factor of the distance to the equilibrium: exp of the least-squares slope of log |z_t|
/// over the rounds where the distance stays in the linear regime and in floating-point range.
/// </summary>
public static class RateEstimate
{
    /// <summary>Distances below this are lost to float32 underflow.</summary>
    public const double Floor = 1e-30;

    /// <summary>Distances above this leave the neighbourhood where the linearisation holds.</summary>
    public const double Ceiling = 1e-2;

    /// <summary>The measured rate, and how many rounds it was measured over.</summary>
    /// <param name="distances">|z_t - z*| for t = 0, 1, 2, ...</param>
    /// <param name="skip">Leading rounds to ignore while the non-dominant modes die out.</param>
    public static (double Rate, int Rounds) Measure(IReadOnlyList<double> distances, int skip)
    {
        var end = 0;
        while (end < distances.Count && distances[end] > Floor && distances[end] < Ceiling && double.IsFinite(distances[end]))
        {
            end++;
        }

        var start = Math.Min(skip, end / 2);
        var n = end - start;
        if (n < 10)
        {
            throw new InvalidOperationException($"only {n} rounds stayed between {Floor} and {Ceiling} from the equilibrium; no rate can be measured");
        }

        double sumT = 0, sumY = 0, sumTT = 0, sumTY = 0;
        for (var t = start; t < end; t++)
        {
            var y = Math.Log(distances[t]);
            sumT += t;
            sumY += y;
            sumTT += (double)t * t;
            sumTY += t * y;
        }

        var slope = ((n * sumTY) - (sumT * sumY)) / ((n * sumTT) - (sumT * sumT));
        return (Math.Exp(slope), n);
    }
}
