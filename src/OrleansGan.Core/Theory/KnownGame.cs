using System.Globalization;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Theory;

/// <summary>
/// A game small enough to solve on paper, played by the same player grains: a point-mass generator x = theta, a
/// linear discriminator psi . x, real data at 0, so the equilibrium is the origin (theta, psi) = (0, 0).
/// </summary>
/// <param name="Name">How the game is named on the command line.</param>
/// <param name="Description">The game in one line.</param>
/// <param name="Loss">The costs.</param>
/// <param name="OutputScale">The sign of the discriminator's logit.</param>
public sealed record KnownGame(string Name, string Description, LossKind Loss, double OutputScale)
{
    /// <summary>The bilinear game V(theta, psi) = -theta psi (G minimises V, D maximises it).</summary>
    public static KnownGame BilinearMinusXY { get; } = new("bilinear", "V(x, y) = -x y, x minimises, y maximises", LossKind.Wasserstein, 1);

    /// <summary>The bilinear game V(theta, psi) = theta psi.</summary>
    public static KnownGame BilinearXY { get; } = new("bilinear-xy", "V(x, y) = x y, x minimises, y maximises", LossKind.Wasserstein, -1);

    /// <summary>The Dirac-GAN with the non-saturating loss.</summary>
    public static KnownGame DiracNonSaturating { get; } = new("dirac-non-saturating", "Dirac-GAN, non-saturating loss", LossKind.NonSaturating, 1);

    /// <summary>The Dirac-GAN with the minimax loss.</summary>
    public static KnownGame DiracMinimax { get; } = new("dirac-minimax", "Dirac-GAN, minimax loss", LossKind.Minimax, 1);

    /// <summary>The Dirac-GAN with the maximum-likelihood loss.</summary>
    public static KnownGame DiracMaximumLikelihood { get; } = new("dirac-maximum-likelihood", "Dirac-GAN, maximum-likelihood loss", LossKind.MaximumLikelihood, 1);

    /// <summary>Every known game.</summary>
    public static IReadOnlyList<KnownGame> All { get; } = [BilinearMinusXY, BilinearXY, DiracNonSaturating, DiracMinimax, DiracMaximumLikelihood];

    /// <summary>The game by name.</summary>
    public static KnownGame Named(string name) => All.FirstOrDefault(g => g.Name == name)
        ?? throw new ArgumentException($"unknown game '{name}' (expected one of: {string.Join(", ", All.Select(g => g.Name))})");

    /// <summary>
    /// The spec of this game under <paramref name="protocol"/> with plain SGD at learning rate <paramref name="learningRate"/>
    /// for both players (the discriminator's doubled under two-time-scale), starting at theta = psi = <paramref name="start"/>.
    /// </summary>
    public GameSpec Spec(ProtocolSpec protocol, double learningRate, double start, int rounds)
    {
        var discriminatorRate = protocol.Kind == ProtocolKind.TwoTimeScale ? 2 * learningRate : learningRate;
        var overrides = Overrides(learningRate, start, rounds);
        overrides["discriminator.optimizer.learningRate"] = F(discriminatorRate);
        overrides["protocol.kind"] = KebabCase(protocol.Kind.ToString());
        overrides["protocol.discriminatorSteps"] = protocol.DiscriminatorSteps.ToString(CultureInfo.InvariantCulture);
        overrides["protocol.generatorSteps"] = protocol.GeneratorSteps.ToString(CultureInfo.InvariantCulture);
        overrides["protocol.unrollSteps"] = protocol.UnrollSteps.ToString(CultureInfo.InvariantCulture);
        overrides["protocol.consensusWeight"] = F(protocol.ConsensusWeight);
        return GameSpecLoader.Load(null, overrides);
    }

    /// <summary>
    /// The spec fields that make the default game this one: data, costs, scalar players with plain SGD at
    /// <paramref name="learningRate"/>, starting at theta = psi = <paramref name="start"/>, parameters tracked every round.
    /// </summary>
    public Dictionary<string, string> Overrides(double learningRate, double start, int rounds)
    {
        var sgd = $"{{kind: sgd, learningRate: {F(learningRate)}, beta1: 0, beta2: 0, epsilon: 1, momentum: 0, weightDecay: 0}}";
        return new Dictionary<string, string>
        {
            ["name"] = Name,
            ["rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            ["batchSize"] = "1",
            ["data.kind"] = "dirac",
            ["loss"] = KebabCase(Loss.ToString()),
            ["generator.network"] = "point-mass",
            ["generator.latentSize"] = "1",
            ["generator.outputSize"] = "1",
            ["generator.initialValue"] = F(start),
            ["generator.optimizer"] = sgd,
            ["discriminator.network"] = "linear",
            ["discriminator.inputSize"] = "1",
            ["discriminator.outputScale"] = F(OutputScale),
            ["discriminator.initialValue"] = F(start),
            ["discriminator.optimizer"] = sgd,
            ["evaluation.every"] = rounds.ToString(CultureInfo.InvariantCulture),
            ["evaluation.samples"] = "16",
            ["evaluation.trackParameters"] = "true",
            ["checkpoint.every"] = "0",
        };
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string KebabCase(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
