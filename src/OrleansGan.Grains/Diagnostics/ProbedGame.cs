using MathNet.Numerics.LinearAlgebra;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Grains;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Native;
using OrleansGan.Core.Spectra;
using OrleansGan.Core.Tensors;

namespace OrleansGan.Grains.Diagnostics;

/// <summary>
/// The two players' probes of one point and the choreography of every product across them. Between the players only
/// batch-shaped messages travel, never parameters: for u = (u_theta, u_psi),
/// <list type="number">
/// <item>G: the tangent t = J_x u_theta (how the fake minibatch moves along u_theta);</item>
/// <item>D: its block of the product, kept in a slot, and the cotangent s (see <see cref="ProbeProductKind"/>);</item>
/// <item>G: its block, J_x^T s plus its own curvature term d/dtheta &lt;J_x^T g, u_theta&gt; with g = dJ_G/dx fixed.</item>
/// </list>
/// so (J u)_theta = H_G u_theta + B u_psi and (J u)_psi = C u_theta + H_D u_psi with B = d(grad_theta J_G)/dpsi and
/// C = d(grad_psi J_D)/dtheta. Slots 0 .. <see cref="KrylovSlots"/> - 1 belong to the eigensolvers; named slots follow.
/// </summary>
internal sealed class ProbedGame : IDiagnosedGame
{
    private const int ScalarRaceRetries = 3;

    private ProbedGame(IGeneratorGrain generator, IDiscriminatorGrain discriminator, long generatorSize, long discriminatorSize, int krylovSlots, int chunks)
    {
        Generator = generator;
        Discriminator = discriminator;
        GeneratorSize = generatorSize;
        DiscriminatorSize = discriminatorSize;
        KrylovSlots = krylovSlots;
        Chunks = chunks;
    }

    public IGeneratorGrain Generator { get; }

    public IDiscriminatorGrain Discriminator { get; }

    public long GeneratorSize { get; }

    public long DiscriminatorSize { get; }

    public int KrylovSlots { get; }

    public int Chunks { get; }

    /// <summary>The field v at the point.</summary>
    public int FieldSlot => KrylovSlots;

    /// <summary>The field of chunk k.</summary>
    public int ChunkSlot(int k) => KrylovSlots + 1 + k;

    /// <summary>Four slots for the zero-sum check, then four for the path-angle.</summary>
    public int NamedSlot(int i) => KrylovSlots + 1 + Chunks + i;

    /// <summary>Slots a probe needs for <paramref name="krylovSlots"/> eigensolver slots and <paramref name="chunks"/> chunks.</summary>
    public static int SlotsFor(int krylovSlots, int chunks) => krylovSlots + 1 + chunks + 8;

    /// <summary>Opens both probes (in parallel) with room for the eigensolvers' slots and the named ones.</summary>
    public static async Task<ProbedGame> OpenAsync(IGeneratorGrain generator, IDiscriminatorGrain discriminator, ProbeSetup setup, int krylovSlots)
    {
        var g = generator.OpenProbeAsync(setup with { Slots = SlotsFor(krylovSlots, setup.Batch.Chunks) });
        var d = discriminator.OpenProbeAsync(setup with { Slots = SlotsFor(krylovSlots, setup.Batch.Chunks) });
        return new ProbedGame(generator, discriminator, await g, await d, krylovSlots, setup.Batch.Chunks);
    }

    /// <summary>
    /// The field at the point into <paramref name="slot"/> (chunk -1: the whole batch, whose g the generator then keeps
    /// for its curvature terms); returns the discriminator's judgment.
    /// </summary>
    public async Task<ProbeJudgment> FieldAsync(int slot, int chunk = -1)
    {
        var fake = await Retry(() => Generator.ProbeSamplesAsync(chunk));
        var judgment = await Retry(() => Discriminator.ProbeJudgeAsync(fake, chunk, slot));
        await Retry(() => Generator.ProbePullbackAsync(new ProbePullback(judgment.Gradient, chunk, slot, KeepsGradient: chunk < 0)));
        return judgment;
    }

    /// <summary>slot[<paramref name="target"/>] = the product <paramref name="kind"/> applied to slot[<paramref name="source"/>].</summary>
    public async Task ApplyAsync(ProbeProductKind kind, int source, int target)
    {
        if (kind == ProbeProductKind.DiscriminatorHessian)
        {
            await Retry(() => Discriminator.ProbeProductAsync(new ProbeProduct(kind, null, source, target)));
            return;
        }

        var tangent = await Retry(() => Generator.ProbeTangentAsync(source));
        var cotangent = await Retry(() => Discriminator.ProbeProductAsync(new ProbeProduct(kind, tangent, source, target)))
            ?? throw new InvalidOperationException($"the discriminator returned no cotangent for a {kind} product");
        await Retry(() => Generator.ProbePullbackAsync(new ProbePullback(cotangent, -1, target, CurvatureSource: source)));
    }

    /// <inheritdoc />
    public async Task<FieldSummary> FieldAsync(Action<int> onStep, CancellationToken cancel)
    {
        // The chunks first, the whole batch last: its g is what the generator keeps for the products that follow.
        for (var k = 0; k < Chunks; k++)
        {
            cancel.ThrowIfCancellationRequested();
            await FieldAsync(ChunkSlot(k), k);
            onStep(k + 1);
        }

        var costs = await FieldAsync(FieldSlot);
        onStep(Chunks + 1);
        var slots = Enumerable.Range(0, Chunks).Select(ChunkSlot).Prepend(FieldSlot).ToArray();
        var (g, d) = await GramByPlayerAsync(slots, slots);
        return StationarityTest.Summarize(g[0, 0], d[0, 0], (g + d).SubMatrix(1, Chunks, 1, Chunks), costs);
    }

    /// <inheritdoc />
    public async Task<double> ZeroSumDefectAsync(ulong seed, CancellationToken cancel)
    {
        var (a, b, ja, jb) = (NamedSlot(0), NamedSlot(1), NamedSlot(2), NamedSlot(3));
        await RandomizeAsync(PlayerBlock.Generator, a, seed);
        await RandomizeAsync(PlayerBlock.Discriminator, b, seed + 1);
        await ApplyAsync(ProbeProductKind.Jacobian, a, ja);
        await ApplyAsync(ProbeProductKind.Jacobian, b, jb);
        var (g, d) = await GramByPlayerAsync([a, b, ja, jb], [a, b, ja, jb]);

        // <b, C a> is the discriminator's share of <b, J a>, <a, B b> the generator's of <a, J b>.
        var (bCa, aBb) = (d[1, 2], g[0, 3]);
        var scale = Math.Abs(bCa) + Math.Abs(aBb);
        return scale == 0 ? 0 : Math.Abs(bCa + aBb) / scale;
    }

    /// <inheritdoc />
    public IKrylovSpace Space(ProbeProductKind product, int slots) => slots <= KrylovSlots
        ? new PlayerKrylovSpace(this, product)
        : throw new ArgumentOutOfRangeException(nameof(slots), slots, $"the probes were opened with {KrylovSlots} slots for the eigensolvers");

    /// <summary>Each player's share of the Gram matrix, rows x columns.</summary>
    public async Task<(Matrix<double> Generator, Matrix<double> Discriminator)> GramByPlayerAsync(int[] rows, int[] columns)
    {
        var g = Retry(() => Generator.GramAsync(rows, columns));
        var d = Retry(() => Discriminator.GramAsync(rows, columns));
        return (Matrix<double>.Build.Dense(columns.Length, rows.Length, await g).Transpose(), Matrix<double>.Build.Dense(columns.Length, rows.Length, await d).Transpose());
    }

    /// <summary>The same combination on the players of <paramref name="block"/>, in parallel.</summary>
    public Task CombineAsync(PlayerBlock block, SlotCombination combination) => Both(block,
        () => Retry(() => Generator.CombineSlotsAsync(combination)),
        () => Retry(() => Discriminator.CombineSlotsAsync(combination)));

    /// <summary>Both players write their current parameters into <paramref name="slot"/>.</summary>
    public Task ReadParametersAsync(int slot) => Both(PlayerBlock.Joint, () => Generator.ReadParametersAsync(slot), () => Discriminator.ReadParametersAsync(slot));

    /// <summary>Both players move their probes to the parameters in <paramref name="slot"/>.</summary>
    public Task MoveAsync(int slot) => Both(PlayerBlock.Joint, () => Generator.MoveProbeAsync(slot), () => Discriminator.MoveProbeAsync(slot));

    /// <summary>Fills <paramref name="slot"/> with noise in <paramref name="block"/> and zeros elsewhere.</summary>
    public Task RandomizeAsync(PlayerBlock block, int slot, ulong seed) => Task.WhenAll(
        block == PlayerBlock.Discriminator ? Generator.UnitSlotAsync(slot, -1) : Generator.RandomizeSlotAsync(slot, (2 * seed) + 1),
        block == PlayerBlock.Generator ? Discriminator.UnitSlotAsync(slot, -1) : Discriminator.RandomizeSlotAsync(slot, (2 * seed) + 2));

    /// <summary>Closes both probes.</summary>
    public Task CloseAsync() => Task.WhenAll(Generator.CloseProbeAsync(), Discriminator.CloseProbeAsync());

    /// <summary>Reads a slot's entries in <paramref name="block"/> (small players and tests).</summary>
    public async Task<double[]> ReadAsync(PlayerBlock block, int slot)
    {
        var g = block == PlayerBlock.Discriminator ? [] : TensorCodec.ToDoubles(await Generator.ReadSlotAsync(slot));
        var d = block == PlayerBlock.Generator ? [] : TensorCodec.ToDoubles(await Discriminator.ReadSlotAsync(slot));
        return [.. g, .. d];
    }

    internal static Task Both(PlayerBlock block, Func<Task> generator, Func<Task> discriminator) => block switch
    {
        PlayerBlock.Generator => generator(),
        PlayerBlock.Discriminator => discriminator(),
        _ => Task.WhenAll(generator(), discriminator()),
    };

    // TorchSharp 0.107 can free a Scalar during a native call (docs/known-issues.md); every probe call writes its
    // result from inputs it leaves untouched, so it is simply made again.
    internal static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (ScalarRace.Caused(e) && attempt < ScalarRaceRetries)
            {
            }
        }
    }

    internal static Task Retry(Func<Task> call) => Retry(async () =>
    {
        await call();
        return true;
    });
}
