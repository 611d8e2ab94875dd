using System.Globalization;
using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Stabilizers;

/// <summary>
/// A discriminator whose J_D is known in closed form: the Dirac-GAN's linear critic D(x) = psi x on real data that
/// is exactly 0, trained by plain SGD. grad_x D = psi for every x, so |grad_x D| = |psi| wherever it is taken.
/// </summary>
internal static class DiracCritic
{
    public const int BatchSize = 4;

    public static DiscriminatorSetup Setup(string loss, double psi, double learningRate, params (string Field, string Value)[] more)
    {
        var overrides = new Dictionary<string, string>
        {
            ["data.kind"] = "dirac",
            ["loss"] = loss,
            ["batchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["generator.network"] = "point-mass",
            ["generator.outputSize"] = "1",
            ["discriminator.network"] = "linear",
            ["discriminator.inputSize"] = "1",
            ["discriminator.initialValue"] = psi.ToString("R", CultureInfo.InvariantCulture),
            ["discriminator.optimizer.kind"] = "sgd",
            ["discriminator.optimizer.learningRate"] = learningRate.ToString("R", CultureInfo.InvariantCulture),
        };
        foreach (var (field, value) in more)
        {
            overrides[field] = value;
        }

        var spec = GameSpecLoader.Load(null, overrides);
        return new DiscriminatorSetup(spec.Discriminator, 7, spec.Data, spec.Loss, spec.BatchSize, spec.Stabilizers);
    }
}
