using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Spectra;

namespace OrleansGan.Core.Tests.Diagnostics;

/// <summary>
/// A game written down as matrices: v(w) = J (w - w*) with J = [[A, B], [C, D]], A = H_G and D = H_D symmetric. Its
/// field at w is exact (no sampling noise) unless chunk noise is asked for; every product is a matrix product.
/// </summary>
internal sealed class QuadraticGame(Matrix<double> a, Matrix<double> b, Matrix<double> c, Matrix<double> d, Vector<double>? offset = null, double chunkNoise = 0) : IDiagnosedGame
{
    public Matrix<double> Jacobian { get; } = Build(a, b, c, d);

    public long GeneratorSize => a.RowCount;

    public long DiscriminatorSize => d.RowCount;

    public Task<FieldSummary> FieldAsync(Action<int> onStep, CancellationToken cancel)
    {
        var field = offset is null ? Vector<double>.Build.Dense(a.RowCount + d.RowCount) : Jacobian * offset;
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(17);
        var chunks = Enumerable.Range(0, 8)
            .Select(_ => field + Vector<double>.Build.Random(field.Count, new MathNet.Numerics.Distributions.Normal(0, chunkNoise == 0 ? 1e-300 : chunkNoise, random)) * (chunkNoise == 0 ? 0 : 1))
            .ToList();
        var gram = Matrix<double>.Build.Dense(8, 8, (i, j) => chunks[i].DotProduct(chunks[j]));
        var g = field.SubVector(0, a.RowCount);
        var dd = field.SubVector(a.RowCount, d.RowCount);
        return Task.FromResult(StationarityTest.Summarize(g.DotProduct(g), dd.DotProduct(dd), gram, new ProbeJudgment(new([], [0]), 0, 0, 0.5, 0.5)));
    }

    public Task<double> ZeroSumDefectAsync(ulong seed, CancellationToken cancel)
    {
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar((int)seed);
        var x = Vector<double>.Build.Random(a.RowCount, new MathNet.Numerics.Distributions.Normal(0, 1, random));
        var y = Vector<double>.Build.Random(d.RowCount, new MathNet.Numerics.Distributions.Normal(0, 1, random));
        var (yCx, xBy) = (y.DotProduct(c * x), x.DotProduct(b * y));
        return Task.FromResult(Math.Abs(yCx + xBy) / (Math.Abs(yCx) + Math.Abs(xBy)));
    }

    public IKrylovSpace Space(ProbeProductKind product, int slots) => LocalKrylovSpace.Of(product switch
    {
        ProbeProductKind.Jacobian => Jacobian,
        ProbeProductKind.JacobianTranspose => Jacobian.Transpose(),
        ProbeProductKind.GeneratorHessian => a,
        ProbeProductKind.DiscriminatorHessian => d,
        _ => a + (b * d.Inverse() * b.Transpose()),
    }, slots);

    private static Matrix<double> Build(Matrix<double> a, Matrix<double> b, Matrix<double> c, Matrix<double> d)
    {
        var j = Matrix<double>.Build.Dense(a.RowCount + d.RowCount, a.RowCount + d.RowCount);
        j.SetSubMatrix(0, 0, a);
        j.SetSubMatrix(0, a.RowCount, b);
        j.SetSubMatrix(a.RowCount, 0, c);
        j.SetSubMatrix(a.RowCount, a.RowCount, d);
        return j;
    }
}
