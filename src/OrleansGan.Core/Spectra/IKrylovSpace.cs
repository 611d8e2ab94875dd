using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// A real vector space of dimension <see cref="Dimension"/> that holds a fixed number of vectors ("slots") and one
/// linear operator A on them. The eigensolvers see vectors only through these few operations, so the vectors can live
/// wherever they belong: in memory (<see cref="LocalKrylovSpace"/>), or split across the two players, each keeping its
/// own block of every vector, with only inner products and small coefficient matrices crossing between them (the
/// reverse-communication design of ARPACK, and of its distributed-memory PARPACK).
/// </summary>
public interface IKrylovSpace
{
    /// <summary>The dimension n of the vectors.</summary>
    long Dimension { get; }

    /// <summary>How many vectors the space holds; slots are 0 .. Capacity - 1.</summary>
    int Capacity { get; }

    /// <summary>Fills <paramref name="slot"/> with independent N(0, 1) entries drawn from <paramref name="seed"/>.</summary>
    Task RandomizeAsync(int slot, ulong seed, CancellationToken cancel);

    /// <summary>Sets <paramref name="slot"/> to the unit vector e_<paramref name="index"/>.</summary>
    Task UnitAsync(int slot, long index, CancellationToken cancel);

    /// <summary>slot[<paramref name="target"/>] = A slot[<paramref name="source"/>] (the two slots differ).</summary>
    Task ApplyAsync(int source, int target, CancellationToken cancel);

    /// <summary>The inner products G[i, j] = &lt;slot[rows[i]], slot[columns[j]]&gt;.</summary>
    Task<Matrix<double>> GramAsync(IReadOnlyList<int> rows, IReadOnlyList<int> columns, CancellationToken cancel);

    /// <summary>
    /// slot[targets[j]] = sum_i coefficients[i, j] slot[sources[i]], for every j at once: targets may be among the
    /// sources (a restart rewrites the basis in place), so every new vector is computed from the old ones.
    /// </summary>
    Task CombineAsync(IReadOnlyList<int> sources, Matrix<double> coefficients, IReadOnlyList<int> targets, CancellationToken cancel);

    /// <summary>The entries of <paramref name="slot"/> (small spaces and tests only: it moves the whole vector).</summary>
    Task<double[]> ReadAsync(int slot, CancellationToken cancel);
}
