using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// An <see cref="IKrylovSpace"/> in memory, with the operator given as a function: the eigensolvers' own tests use it
/// with dense matrices, and small problems can use it directly.
/// </summary>
public sealed class LocalKrylovSpace : IKrylovSpace
{
    private readonly Func<Vector<double>, CancellationToken, Task<Vector<double>>> _apply;
    private readonly Vector<double>[] _slots;

    /// <summary>A space of <paramref name="capacity"/> vectors of dimension <paramref name="dimension"/> with the operator <paramref name="apply"/>.</summary>
    public LocalKrylovSpace(int dimension, int capacity, Func<Vector<double>, CancellationToken, Task<Vector<double>>> apply)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _apply = apply;
        _slots = Enumerable.Range(0, capacity).Select(_ => Vector<double>.Build.Dense(dimension)).ToArray();
    }

    /// <summary>A space whose operator is the matrix <paramref name="matrix"/>.</summary>
    public static LocalKrylovSpace Of(Matrix<double> matrix, int capacity)
    {
        if (matrix.RowCount != matrix.ColumnCount)
        {
            throw new ArgumentException($"the operator must be square, not {matrix.RowCount}x{matrix.ColumnCount}", nameof(matrix));
        }

        return new LocalKrylovSpace(matrix.RowCount, capacity, (u, _) => Task.FromResult(matrix * u));
    }

    /// <summary>Products A u computed so far.</summary>
    public int Products { get; private set; }

    /// <inheritdoc />
    public long Dimension => _slots[0].Count;

    /// <inheritdoc />
    public int Capacity => _slots.Length;

    /// <inheritdoc />
    public Task RandomizeAsync(int slot, ulong seed, CancellationToken cancel)
    {
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(unchecked((int)seed ^ (int)(seed >> 32)));
        _slots[slot] = Vector<double>.Build.Random((int)Dimension, new MathNet.Numerics.Distributions.Normal(0, 1, random));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnitAsync(int slot, long index, CancellationToken cancel)
    {
        _slots[slot] = Vector<double>.Build.Dense((int)Dimension);
        _slots[slot][(int)index] = 1;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ApplyAsync(int source, int target, CancellationToken cancel)
    {
        if (source == target)
        {
            throw new ArgumentException("A u is written to a slot other than u's", nameof(target));
        }

        _slots[target] = await _apply(_slots[source], cancel);
        Products++;
    }

    /// <inheritdoc />
    public Task<Matrix<double>> GramAsync(IReadOnlyList<int> rows, IReadOnlyList<int> columns, CancellationToken cancel) =>
        Task.FromResult(Matrix<double>.Build.Dense(rows.Count, columns.Count, (i, j) => _slots[rows[i]].DotProduct(_slots[columns[j]])));

    /// <inheritdoc />
    public Task CombineAsync(IReadOnlyList<int> sources, Matrix<double> coefficients, IReadOnlyList<int> targets, CancellationToken cancel)
    {
        var results = new Vector<double>[targets.Count];
        for (var j = 0; j < targets.Count; j++)
        {
            var sum = Vector<double>.Build.Dense((int)Dimension);
            for (var i = 0; i < sources.Count; i++)
            {
                if (coefficients[i, j] != 0)
                {
                    sum.Add(_slots[sources[i]] * coefficients[i, j], sum);
                }
            }

            results[j] = sum;
        }

        for (var j = 0; j < targets.Count; j++)
        {
            _slots[targets[j]] = results[j];
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<double[]> ReadAsync(int slot, CancellationToken cancel) => Task.FromResult(_slots[slot].ToArray());
}
