using MathNet.Numerics.LinearAlgebra;

namespace OrleansGan.Core.Spectra;

/// <summary>
/// A Krylov relation A V_j = V_j H_j + f b^T over an <see cref="IKrylovSpace"/>: the orthonormal basis V_j in slots
/// 0 .. j-1, the unnormalised residual f in slot <see cref="ResidualSlot"/>, and the small matrices H_j and b here.
/// A plain Arnoldi extension leaves b = e_j; a thick restart leaves a general b, so the next row of H is |f| b^T.
/// Every new vector is orthogonalised twice against the basis (classical Gram-Schmidt with one re-orthogonalisation,
/// Daniel, Gragg, Kaufman and Stewart 1976), which keeps V orthonormal to working precision.
/// </summary>
internal sealed class KrylovFactorization
{
    private readonly IKrylovSpace _space;
    private readonly CancellationToken _cancel;
    private readonly Action? _onProduct;
    private ulong _seed;

    public KrylovFactorization(IKrylovSpace space, int maxSize, ulong seed, Action? onProduct, CancellationToken cancel)
    {
        if (space.Capacity < maxSize + EigenRequest.ExtraSlots)
        {
            throw new ArgumentException($"the space holds {space.Capacity} vectors; a subspace of {maxSize} needs {maxSize + EigenRequest.ExtraSlots}", nameof(space));
        }

        _space = space;
        MaxSize = maxSize;
        _seed = seed;
        _onProduct = onProduct;
        _cancel = cancel;
        H = Matrix<double>.Build.Dense(maxSize, maxSize);
        B = Vector<double>.Build.Dense(0);
    }

    public int MaxSize { get; }

    /// <summary>j, the number of basis vectors.</summary>
    public int Size { get; private set; }

    /// <summary>H_j lives in the leading j x j block.</summary>
    public Matrix<double> H { get; private set; }

    /// <summary>b, of length j.</summary>
    public Vector<double> B { get; private set; }

    /// <summary>|f|.</summary>
    public double Beta { get; private set; }

    public int ResidualSlot => MaxSize;

    /// <summary>The first of the six scratch slots after the residual.</summary>
    public int ScratchSlot => MaxSize + 1;

    public int Products { get; private set; }

    /// <summary>The leading j x j block of H.</summary>
    public Matrix<double> Projected => H.SubMatrix(0, Size, 0, Size);

    public IKrylovSpace Space => _space;

    /// <summary>
    /// Validates <paramref name="request"/>, starts from a random vector and builds the first m-step relation; returns it
    /// with the space's dimension n, the subspace's m and the count k (never more than n).
    /// </summary>
    public static async Task<(KrylovFactorization Factorization, long N, int M, int K)> BuildAsync(
        IKrylovSpace space, EigenRequest request, Action? onProduct, CancellationToken cancel)
    {
        request.Validate();
        var n = space.Dimension;
        var m = request.SubspaceFor(n);
        var factorization = new KrylovFactorization(space, m, request.Seed, onProduct, cancel);
        await factorization.StartAsync();
        await factorization.ExtendAsync(m);
        return (factorization, n, m, (int)Math.Min(request.Count, n));
    }

    /// <summary>Starts from a random vector (no basis yet: the first extension normalises it).</summary>
    public async Task StartAsync()
    {
        await _space.RandomizeAsync(ResidualSlot, NextSeed(), _cancel);
        Beta = Math.Sqrt((await _space.GramAsync([ResidualSlot], [ResidualSlot], _cancel))[0, 0]);
        Size = 0;
        B = Vector<double>.Build.Dense(0);
    }

    /// <summary>Extends the relation to <paramref name="size"/> basis vectors (Arnoldi steps), or to the whole space.</summary>
    public async Task ExtendAsync(int size)
    {
        size = (int)Math.Min(size, Math.Min(MaxSize, _space.Dimension));
        while (Size < size)
        {
            _cancel.ThrowIfCancellationRequested();
            var j = Size;
            var row = B * Beta;

            // A residual that vanished means V spans an invariant subspace: go on from a fresh direction orthogonal to
            // it, with no coupling to what came before.
            if (Beta <= BreakdownThreshold())
            {
                await _space.RandomizeAsync(ResidualSlot, NextSeed(), _cancel);
                await OrthogonaliseAsync(j);
                await OrthogonaliseAsync(j);
                Beta = Math.Sqrt((await _space.GramAsync([ResidualSlot], [ResidualSlot], _cancel))[0, 0]);
                row = Vector<double>.Build.Dense(j);
            }

            await _space.CombineAsync([ResidualSlot], Matrix<double>.Build.Dense(1, 1, 1 / Beta), [j], _cancel);
            for (var c = 0; c < j; c++)
            {
                H[j, c] = row[c];
            }

            await _space.ApplyAsync(j, ResidualSlot, _cancel);
            Products++;
            _onProduct?.Invoke();
            var first = await OrthogonaliseAsync(j + 1);
            var (second, remaining) = await OrthogonaliseWithNormAsync(j + 1);
            for (var r = 0; r <= j; r++)
            {
                H[r, j] = first[r] + second[r];
            }

            Beta = Math.Sqrt(Math.Max(remaining, 0));
            B = Vector<double>.Build.Dense(j + 1);
            B[j] = 1;
            Size = j + 1;
        }
    }

    /// <summary>
    /// Keeps V Q[:, 0..k-1] after shifted QR steps turned H into Q^T H Q (H already replaced): the implicit restart of
    /// Sorensen (1992), f &lt;- v_(k) H[k, k-1] + f Q[j-1, k-1], and b = e_k.
    /// </summary>
    public async Task TruncateAsync(Matrix<double> q, Matrix<double> shifted, int keep)
    {
        var j = Size;
        var sources = Enumerable.Range(0, j).Append(ResidualSlot).ToList();
        var coefficients = Matrix<double>.Build.Dense(j + 1, keep + 1);
        for (var c = 0; c < keep; c++)
        {
            for (var r = 0; r < j; r++)
            {
                coefficients[r, c] = q[r, c];
            }
        }

        for (var r = 0; r < j; r++)
        {
            coefficients[r, keep] = q[r, keep] * shifted[keep, keep - 1];
        }

        // f b^T Q: f's share of column keep - 1 (b = e_j after an extension, so this is Q[j - 1, keep - 1]).
        for (var r = 0; r < j; r++)
        {
            coefficients[j, keep] += B[r] * q[r, keep - 1];
        }

        await _space.CombineAsync(sources, coefficients, Enumerable.Range(0, keep).Append(ResidualSlot).ToList(), _cancel);
        H = Matrix<double>.Build.Dense(MaxSize, MaxSize);
        H.SetSubMatrix(0, 0, shifted.SubMatrix(0, keep, 0, keep));
        Size = keep;
        B = Vector<double>.Build.Dense(keep);
        B[keep - 1] = 1;
        Beta = Math.Sqrt((await _space.GramAsync([ResidualSlot], [ResidualSlot], _cancel))[0, 0]);
    }

    /// <summary>
    /// Keeps V S (S's columns orthonormal Ritz vectors of H with Ritz values theta): a thick restart (Wu and Simon
    /// 2000; Stewart's Krylov-Schur for a symmetric A), H &lt;- diag(theta), b &lt;- S^T b, f unchanged.
    /// </summary>
    public async Task ThickRestartAsync(Matrix<double> s, IReadOnlyList<double> theta)
    {
        var keep = s.ColumnCount;
        await _space.CombineAsync(Enumerable.Range(0, Size).ToList(), s, Enumerable.Range(0, keep).ToList(), _cancel);
        B = s.TransposeThisAndMultiply(B);
        H = Matrix<double>.Build.Dense(MaxSize, MaxSize);
        for (var i = 0; i < keep; i++)
        {
            H[i, i] = theta[i];
        }

        Size = keep;
    }

    // f <- f - V_count (V_count^T f); returns the coefficients.
    private async Task<Vector<double>> OrthogonaliseAsync(int count)
    {
        if (count == 0)
        {
            return Vector<double>.Build.Dense(0);
        }

        var basis = Enumerable.Range(0, count).ToList();
        var h = (await _space.GramAsync(basis, [ResidualSlot], _cancel)).Column(0);
        await SubtractAsync(basis, h);
        return h;
    }

    // The same, also returning |f|^2 after the subtraction (|f|^2 - |h|^2, exact enough once f is nearly orthogonal).
    private async Task<(Vector<double> H, double Remaining)> OrthogonaliseWithNormAsync(int count)
    {
        var rows = Enumerable.Range(0, count).Append(ResidualSlot).ToList();
        var gram = (await _space.GramAsync(rows, [ResidualSlot], _cancel)).Column(0);
        var h = gram.SubVector(0, count);
        await SubtractAsync(Enumerable.Range(0, count).ToList(), h);
        return (h, gram[count] - h.DotProduct(h));
    }

    private Task SubtractAsync(List<int> basis, Vector<double> h)
    {
        var coefficients = Matrix<double>.Build.Dense(basis.Count + 1, 1);
        for (var i = 0; i < basis.Count; i++)
        {
            coefficients[i, 0] = -h[i];
        }

        coefficients[basis.Count, 0] = 1;
        return _space.CombineAsync([.. basis, ResidualSlot], coefficients, [ResidualSlot], _cancel);
    }

    private double BreakdownThreshold()
    {
        var scale = Size == 0 ? 0 : Projected.FrobeniusNorm();
        return 1e-12 * (scale == 0 ? 1 : scale);
    }

    private ulong NextSeed() => _seed++;
}
