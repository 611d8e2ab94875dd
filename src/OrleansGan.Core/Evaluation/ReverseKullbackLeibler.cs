namespace OrleansGan.Core.Evaluation;

/// <summary>
/// PacGAN's reverse KL (Lin et al. 2018, Table 1): the divergence KL(p || u) of the histogram p of high-quality samples
/// over the modes from the uniform distribution u over the n modes, in nats. PacGAN's MetricLogger logs the histogram's
/// entropy H(p) (scipy.stats.entropy, natural log, empty modes adding 0); the reverse KL is log n - H(p), that is
/// sum_i p_i log(n p_i) over the modes with p_i &gt; 0. It is 0 when every mode holds the same share and log n when
/// one mode holds all high-quality samples.
/// </summary>
public static class ReverseKullbackLeibler
{
    /// <summary>KL(p || uniform) for the histogram <paramref name="counts"/>; null when it is empty (no high-quality sample: p is undefined).</summary>
    public static double? OfHistogram(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = 0L;
        foreach (var c in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(counts));
            total += c;
        }

        if (total == 0)
        {
            return null;
        }

        var divergence = 0.0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                var p = (double)c / total;
                divergence += p * Math.Log(counts.Count * p);
            }
        }

        return divergence;
    }
}
