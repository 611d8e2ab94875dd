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

    /// <summary>The ring's radius when a spec names none.</summary>
    public const double DefaultRadius = 2;

    /// <summary>The ring's std when a spec names none.</summary>
    public const double DefaultRingStd = 0.02;

    /// <summary>The distance between neighbouring grid means when a spec names none.</summary>
    public const double DefaultSpacing = 2;

    /// <summary>The grid's std when a spec names none.</summary>
    public const double DefaultGridStd = 0.05;

    /// <summary>8 Gaussians on a circle of radius 2 with std 0.02.</summary>
    public static GaussianMixture Ring8() => Ring(DefaultRadius, DefaultRingStd, RingAngles.Even);

    /// <summary>
    /// 8 Gaussians on a circle of <paramref name="radius"/> with <paramref name="std"/>, at the angles
    /// <paramref name="angles"/> names: mean k at (r cos a_k, r sin a_k).
    /// </summary>
    public static GaussianMixture Ring(double radius, double std, RingAngles angles)
    {
        const int count = 8;
        // linspace's last angle is 2 pi, the first mean again; it is taken mod 2 pi so that the two means are one
        // point exactly (cos and sin of 2 pi in floating point are 1e-16 away from those of 0).
        var divisions = angles == RingAngles.Linspace ? count - 1 : count;
        var means = Enumerable.Range(0, count)
            .Select(k => 2 * Math.PI * (k % divisions) / divisions)
            .Select(a => new[] { (float)(radius * Math.Cos(a)), (float)(radius * Math.Sin(a)) })
            .ToList();
        return new GaussianMixture(means, std);
    }

    /// <summary>25 Gaussians with means on {-4,-2,0,2,4}^2 and std 0.05.</summary>
    public static GaussianMixture Grid25() => Grid(DefaultSpacing, DefaultGridStd);

    /// <summary>25 Gaussians with means on <paramref name="spacing"/> x {-2,-1,0,1,2}^2 and <paramref name="std"/>.</summary>
    public static GaussianMixture Grid(double spacing, double std)
    {
        var means = (from i in Enumerable.Range(-2, 5) from j in Enumerable.Range(-2, 5) select new[] { (float)(spacing * i), (float)(spacing * j) }).ToList();
        return new GaussianMixture(means, std);
    }

    /// <summary>A point mass at 0 in one dimension (a Gaussian of std 0), the Dirac-GAN's data.</summary>
    public static GaussianMixture Dirac() => new([[0f]], 0);

    /// <summary>The mixture a spec names, with the spec's geometry where it gives one.</summary>
    public static new GaussianMixture For(DataSpec data) => data.Kind switch
    {
        DataKind.Ring8 => Ring(data.Radius ?? DefaultRadius, data.Std ?? DefaultRingStd, data.RingAngles),
        DataKind.Grid25 => Grid(data.Spacing ?? DefaultSpacing, data.Std ?? DefaultGridStd),
        DataKind.Dirac => Dirac(),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "unknown data kind"),
    };

    /// <summary>
    /// Draws <paramref name="count"/> samples in which sample i comes from mode i mod n, with its classes: each mode
    /// equally often when n divides <paramref name="count"/> (the Numerics of GANs' stratified minibatches).
    /// </summary>
    public (Tensor Samples, Tensor Labels) SampleStratified(int count, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var which = arange(count, dtype: ScalarType.Int64).remainder(ModeCount);
        return Place(which, count, generator, device);
    }

    /// <inheritdoc />
    public override (Tensor Samples, Tensor Labels) SampleLabeled(int count, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        var which = randint(0, ModeCount, [count], dtype: ScalarType.Int64, generator: generator);
        return Place(which, count, generator, device);
    }

    // The samples of the given modes: each mean plus its noise, drawn after the modes.
    private (Tensor Samples, Tensor Labels) Place(Tensor which, int count, Generator generator, Device device)
    {
        var noise = randn([count, Dimension], generator: generator);
        var means = tensor(_modes, [ModeCount, Dimension]);
        var samples = means.index_select(0, which) + (noise * Std);
        return (samples.to(device).MoveToOuterDisposeScope(), which.to(device).MoveToOuterDisposeScope());
    }
}
