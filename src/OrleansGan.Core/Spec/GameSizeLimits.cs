using System.Globalization;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;

namespace OrleansGan.Core.Spec;

/// <summary>
/// The sizes a game may ask for. Without bounds a spec like <c>--latent 2147483647</c> passes every check of meaning
/// and fails only inside libtorch, after the game has started, with a native stack trace; these bounds refuse it
/// first, naming the field and what the size would cost. They are far above every game the project plays (the
/// largest, DCGAN on MNIST, has about 2 million parameters and minibatches of 64 x 784 values).
/// </summary>
public static class GameSizeLimits
{
    /// <summary>The widest layer and the largest latent size.</summary>
    public const int MaxWidth = 1 << 16;

    /// <summary>Hidden layers a network may have.</summary>
    public const int MaxLayers = 64;

    /// <summary>Samples the discriminator may judge together (PacGAN packs 2 to 4).</summary>
    public const int MaxPack = 64;

    /// <summary>Rounds a game may play: every round's record stays in memory and in each checkpoint.</summary>
    public const int MaxRounds = 1_000_000;

    /// <summary>Parameters of both players together: weights, gradients and two Adam moments take 16 bytes each.</summary>
    public const long MaxParameters = 100_000_000;

    /// <summary>Values in one tensor a player makes per move (a minibatch, a layer's output, an evaluation sample): 1 GiB of float32.</summary>
    public const long MaxValues = 1L << 28;

    /// <summary>Adds a problem for every size of <paramref name="spec"/> beyond its bound.</summary>
    public static void Check(GameSpec spec, List<string> problems)
    {
        void Check(bool ok, string field, string problem)
        {
            if (!ok)
            {
                problems.Add($"{field}: {problem}");
            }
        }

        var (g, d) = (spec.Generator, spec.Discriminator);
        Check(spec.Rounds <= MaxRounds, "rounds", $"must be at most {N(MaxRounds)} (got {N(spec.Rounds)}): every round's record is kept in memory and in each checkpoint");
        Check(g.LatentSize <= MaxWidth, "generator.latentSize", $"must be at most {N(MaxWidth)} (got {N(g.LatentSize)})");
        var features = d.MinibatchFeatures;
        var sizesOk = Widths(problems, "generator.hidden", g.Hidden) & Widths(problems, "discriminator.hidden", d.Hidden)
            & Bounded(problems, "discriminator.pack", d.Pack, MaxPack)
            & Bounded(problems, "discriminator.minibatchFeatures.kernels", features?.Kernels ?? 0, MaxWidth)
            & Bounded(problems, "discriminator.minibatchFeatures.kernelSize", features?.KernelSize ?? 0, MaxWidth);
        if (!sizesOk || g.LatentSize > MaxWidth || g.OutputSize > MaxWidth || d.InputSize > MaxWidth)
        {
            Check(g.OutputSize <= MaxWidth, "generator.outputSize", $"must be at most {N(MaxWidth)} (got {N(g.OutputSize)})");
            Check(d.InputSize <= MaxWidth, "discriminator.inputSize", $"must be at most {N(MaxWidth)} (got {N(d.InputSize)})");
            return; // the products below would only repeat these problems
        }

        var parameters = GameSpecValidator.ParameterCount(spec);
        Check(parameters <= MaxParameters, "generator.hidden", $"the two players would have {N(parameters)} parameters, more than {N(MaxParameters)} "
            + $"(about {Gib(parameters * 16)} with gradients and optimizer state); make the networks narrower or shallower");

        var dimension = g.OutputSize;
        var batch = (long)spec.BatchSize;
        Check(batch * dimension <= MaxValues, "batchSize", $"a minibatch of {N(batch)} samples of {N(dimension)} values is {Gib(batch * dimension * 4)}, more than one move may carry ({Gib(MaxValues * 4)})");
        var widest = Math.Max(Widest(g.Network == GeneratorNetwork.Dcgan, g.Hidden), Widest(d.Network == DiscriminatorNetwork.Dcgan, d.Hidden));
        Check(batch * widest <= MaxValues, "batchSize", $"a layer of {N(widest)} values per sample makes {Gib(batch * widest * 4)} per minibatch of {N(batch)}, more than {Gib(MaxValues * 4)}");
        var samples = (long)spec.Evaluation.Samples;
        Check(samples * Math.Max(dimension, widest) <= MaxValues, "evaluation.samples",
            $"{N(samples)} samples make {Gib(samples * Math.Max(dimension, widest) * 4)} in one evaluation, more than {Gib(MaxValues * 4)}");
    }

    private static bool Bounded(List<string> problems, string field, int value, int max)
    {
        if (value <= max)
        {
            return true;
        }

        problems.Add($"{field}: must be at most {N(max)} (got {N(value)})");
        return false;
    }

    private static bool Widths(List<string> problems, string field, int[]? hidden)
    {
        if (hidden is null)
        {
            return true;
        }

        var ok = true;
        if (hidden.Length > MaxLayers)
        {
            problems.Add($"{field}: must have at most {MaxLayers} layers (got {hidden.Length})");
            ok = false;
        }

        for (var i = 0; i < hidden.Length; i++)
        {
            if (hidden[i] > MaxWidth)
            {
                problems.Add($"{field}[{i}]: a layer has at most {N(MaxWidth)} units (got {N(hidden[i])})");
                ok = false;
            }
        }

        return ok;
    }

    // A DCGAN width is a channel count over maps of up to 14x14.
    private static long Widest(bool dcgan, int[]? hidden) => (hidden ?? []).Select(w => (long)w * (dcgan ? 196 : 1)).DefaultIfEmpty(0).Max();

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gib(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
}
