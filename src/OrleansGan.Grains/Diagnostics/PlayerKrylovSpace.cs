using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Core.Spectra;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// An <see cref="IKrylovSpace"/> whose vectors live with the players, each holding its own block; the operator is one
/// of the game's products (<see cref="ProbeProductKind"/>). Inner products are the sum of the players' shares;
/// combinations are sent to both; nothing the size of the parameters crosses a grain boundary.
/// </summary>
internal sealed class PlayerKrylovSpace(ProbedGame game, ProbeProductKind product) : IKrylovSpace
{
    /// <summary>The players whose parameters the product's vectors span.</summary>
    public PlayerBlock Block { get; } = product switch
    {
        ProbeProductKind.Jacobian or ProbeProductKind.JacobianTranspose => PlayerBlock.Joint,
        ProbeProductKind.GeneratorHessian or ProbeProductKind.SchurComplement => PlayerBlock.Generator,
        _ => PlayerBlock.Discriminator,
    };

    /// <inheritdoc />
    public long Dimension => Block switch
    {
        PlayerBlock.Generator => game.GeneratorSize,
        PlayerBlock.Discriminator => game.DiscriminatorSize,
        _ => game.GeneratorSize + game.DiscriminatorSize,
    };

    /// <inheritdoc />
    public int Capacity => game.KrylovSlots;

    /// <summary>Products made so far.</summary>
    public int Products { get; private set; }

    /// <inheritdoc />
    public Task RandomizeAsync(int slot, ulong seed, CancellationToken cancel) => game.RandomizeAsync(Block, Check(slot), seed);

    /// <inheritdoc />
    public Task UnitAsync(int slot, long index, CancellationToken cancel)
    {
        Check(slot);
        var (g, d) = Block switch
        {
            PlayerBlock.Generator => (index, -1L),
            PlayerBlock.Discriminator => (-1L, index),
            _ => index < game.GeneratorSize ? (index, -1L) : (-1L, index - game.GeneratorSize),
        };
        return ProbedGame.Both(Block, () => game.Generator.UnitSlotAsync(slot, g), () => game.Discriminator.UnitSlotAsync(slot, d));
    }

    /// <inheritdoc />
    public async Task ApplyAsync(int source, int target, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        await game.ApplyAsync(product, Check(source), Check(target));
        Products++;
    }

    /// <inheritdoc />
    public async Task<Matrix<double>> GramAsync(IReadOnlyList<int> rows, IReadOnlyList<int> columns, CancellationToken cancel)
    {
        var r = rows.Select(Check).ToArray();
        var c = columns.Select(Check).ToArray();
        if (Block == PlayerBlock.Joint)
        {
            var (g, d) = await game.GramByPlayerAsync(r, c);
            return g + d;
        }

        var share = Block == PlayerBlock.Generator
            ? await ProbedGame.Retry(() => game.Generator.GramAsync(r, c))
            : await ProbedGame.Retry(() => game.Discriminator.GramAsync(r, c));
        return Matrix<double>.Build.Dense(c.Length, r.Length, share).Transpose();
    }

    /// <inheritdoc />
    public Task CombineAsync(IReadOnlyList<int> sources, Matrix<double> coefficients, IReadOnlyList<int> targets, CancellationToken cancel)
    {
        var rowMajor = new double[coefficients.RowCount * coefficients.ColumnCount];
        for (var i = 0; i < coefficients.RowCount; i++)
        {
            for (var j = 0; j < coefficients.ColumnCount; j++)
            {
                rowMajor[(i * coefficients.ColumnCount) + j] = coefficients[i, j];
            }
        }

        return game.CombineAsync(Block, new SlotCombination(sources.Select(Check).ToArray(), rowMajor, targets.Select(Check).ToArray()));
    }

    /// <inheritdoc />
    public Task<double[]> ReadAsync(int slot, CancellationToken cancel) => game.ReadAsync(Block, Check(slot));

    private int Check(int slot) => slot >= 0 && slot < Capacity
        ? slot
        : throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the eigensolvers' slots are 0..{Capacity - 1}");
}
