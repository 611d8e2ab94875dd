using static TorchSharp.torch;

namespace OrleansGan.Core.Stabilizers;

/// <summary>
/// EBGAN-PT's pulling-away term (Zhao et al. 2016, eq. 6): for the codes S of a minibatch of N fakes,
/// f_PT(S) = 1 / (N (N - 1)) sum_i sum_(j != i) (S_i . S_j / (|S_i| |S_j|))^2, the mean squared cosine similarity of
/// distinct samples' codes. Added to J_G, it pushes the generator's samples apart in the encoder's representation,
/// against mode collapse. A zero code counts as orthogonal to everything (its norm is clamped as in F.normalize).
/// </summary>
public static class PullingAwayTerm
{
    /// <summary>f_PT of <paramref name="codes"/>, [N, code size] with N at least 2.</summary>
    public static Tensor Of(Tensor codes)
    {
        var n = codes.shape[0];
        if (codes.ndim != 2 || n < 2)
        {
            throw new ArgumentException($"the pulling-away term needs a [N >= 2, code] batch of codes (got [{string.Join(",", codes.shape)}])", nameof(codes));
        }

        var unit = codes / codes.norm(1, keepdim: true).clamp_min(1e-12);
        var cosine = unit.matmul(unit.t());
        var offDiagonal = 1 - eye(n, dtype: codes.dtype, device: codes.device);
        return (cosine.square() * offDiagonal).sum() / (n * (n - 1));
    }
}
