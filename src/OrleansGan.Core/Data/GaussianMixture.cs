using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;

namespace OrleansGan.Core.Data;

/// <summary>
/// A mixture of equally weighted isotropic Gaussians: the synthetic real data of mode-collapse studies, where
/// every mode is known and coverage can be counted.
/// </summary>
public sealed class GaussianMixture : RealData
{
    private readonly float[] _modes;

    /// <summary>Creates a mixture with the given means ([modes][dimension]) and one standard deviation.</summary>
    public GaussianMixture(IReadOnlyList<float[]> means, double std)
    {
        if (means.Count == 0)
        {
            throw new ArgumentException("a mixture needs at least one mode", nameof(means));
        }

        Dimension = means[0].Length;
        ModeCount = means.Count;
        Std = std;
        _modes = means.SelectMany(m => m).ToArray();
    }

    /// <inheritdoc />
    public override int Dimension { get; }

    /// <summary>Number of modes.</summary>
    public int ModeCount { get; }

    /// <inheritdoc />
    public override int ClassCount => ModeCount;

    /// <summary>Standard deviation of every mode.</summary>
    public double Std { get; }

    /// <summary>The means, row-major [modes, dimension].</summary>
    public ReadOnlySpan<float> Modes => _modes;

    /// <summary>8 Gaussians on a circle of radius 2 with std 0.02.</summary>
    public static GaussianMixture Ring8()
    {
        var means = Enumerable.Range(0, 8)
            .Select(k => 2 * Math.PI * k / 8)
            .Select(a => new[] { (float)(2 * Math.Cos(a)), (float)(2 * Math.Sin(a)) })
            .ToList();
        return new GaussianMixture(means, 0.02);
    }

    /// <summary>25 Gaussians with means on {-4,-2,0,2,4}^2 and std 0.05.</summary>
    public static GaussianMixture Grid25()
    {
        var means = (from i in Enumerable.Range(-2, 5) from j in Enumerable.Range(-2, 5) select new[] { 2f * i, 2f * j }).ToList();
        return new GaussianMixture(means, 0.05);
    }

    /// <summary>A point mass at 0 in one dimension (a Gaussian of std 0), the Dirac-GAN's data.</summary>
    public static GaussianMixture Dirac() => new([[0f]], 0);

    /// <summary>The mixture a spec names.</summary>
    public static new GaussianMixture For(DataSpec data) => data.Kind switch
    {
        DataKind.Ring8 => Ring8(),
        DataKind.Grid25 => Grid25(),
        DataKind.Dirac => Dirac(),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "unknown data kind"),
    };

    /// <inheritdoc />
    public override (Tensor Samples, Tensor Labels) SampleLabeled(int count, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var which = randint(0, ModeCount, [count], dtype: ScalarType.Int64, generator: generator);
        var noise = randn([count, Dimension], generator: generator);
        var means = tensor(_modes, [ModeCount, Dimension]);
        var samples = means.index_select(0, which) + (noise * Std);
        return (samples.to(device).MoveToOuterDisposeScope(), which.to(device).MoveToOuterDisposeScope());
    }
}
