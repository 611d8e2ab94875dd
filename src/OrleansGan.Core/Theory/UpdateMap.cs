using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Reference;
using static TorchSharp.torch;

namespace OrleansGan.Core.Theory;

/// <summary>
/// The Jacobian of one round of a protocol, as a map of the players' parameters, at the equilibrium. It is taken by
/// central differences of the joint reference protocol run in float64, so every protocol, including those with second
/// derivatives inside (consensus, unrolling), is linearised the same way.
/// </summary>
public static class UpdateMap
{
    private const double Step = 1e-6;

    /// <summary>
    /// The Jacobian at <paramref name="equilibrium"/> of the map that one round of <paramref name="spec"/>'s protocol
    /// applies to the parameters. Optimistic steps depend on the previous gradient too: their map acts on
    /// (z_t, z_(t-1)) and is built from the simultaneous map M as [[2M - I, I - M], [I, 0]], since with plain SGD
    /// I - M is H A, the learning rates times the Jacobian of the gradient field.
    /// </summary>
    public static Matrix<double> Jacobian(GameSpec spec, IReadOnlyList<double> equilibrium)
    {
        if (spec.Generator.Optimizer.Kind != OptimizerKind.Sgd || spec.Discriminator.Optimizer.Kind != OptimizerKind.Sgd
            || spec.Generator.Optimizer.Momentum != 0 || spec.Discriminator.Optimizer.Momentum != 0)
        {
            throw new ArgumentException("the update map is analysed for plain SGD players (no momentum)", nameof(spec));
        }

        if (spec.Protocol.Kind == ProtocolKind.Optimistic)
        {
            var simultaneous = Jacobian(spec with { Protocol = spec.Protocol with { Kind = ProtocolKind.Simultaneous } }, equilibrium);
            var n = simultaneous.RowCount;
            var identity = Matrix<double>.Build.DenseIdentity(n);
            var map = Matrix<double>.Build.Dense(2 * n, 2 * n);
            map.SetSubMatrix(0, 0, (2 * simultaneous) - identity);
            map.SetSubMatrix(0, n, identity - simultaneous);
            map.SetSubMatrix(n, 0, identity);
            return map;
        }

        var size = equilibrium.Count;
        var jacobian = Matrix<double>.Build.Dense(size, size);
        for (var j = 0; j < size; j++)
        {
            var up = Apply(spec, Shift(equilibrium, j, Step));
            var down = Apply(spec, Shift(equilibrium, j, -Step));
            for (var i = 0; i < size; i++)
            {
                jacobian[i, j] = (up[i] - down[i]) / (2 * Step);
            }
        }

        return jacobian;
    }

    /// <summary>One round of the protocol from <paramref name="position"/>, in float64.</summary>
    public static double[] Apply(GameSpec spec, IReadOnlyList<double> position)
    {
        using var trainer = new ReferenceTrainer(spec, ScalarType.Float64);
        trainer.SetPosition(position);
        trainer.PlayRound(1);
        return trainer.Position();
    }

    private static double[] Shift(IReadOnlyList<double> point, int index, double by)
    {
        var shifted = point.ToArray();
        shifted[index] += by;
        return shifted;
    }
}
