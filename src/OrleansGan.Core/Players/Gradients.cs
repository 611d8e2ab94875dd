using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>Gradients of a scalar with respect to a list of tensors, zero for those it does not depend on.</summary>
public static class Gradients
{
    /// <summary>
    /// d<paramref name="scalar"/>/d<paramref name="inputs"/>. An input the scalar does not use (a linear critic's
    /// gradient does not depend on x, say) gets zeros: the scalar is tied to every input with a zero weight, because
    /// TorchSharp has no safe way to return the undefined gradients of <c>allow_unused</c>.
    /// </summary>
    public static IReadOnlyList<Tensor> Of(Tensor scalar, IReadOnlyList<Tensor> inputs, bool retainGraph = false, bool createGraph = false)
    {
        var tied = inputs.Aggregate(scalar, (sum, input) => sum + (0 * input.sum()));
        return autograd.grad([tied], inputs.ToList(), retain_graph: retainGraph || createGraph, create_graph: createGraph).ToList();
    }

    /// <summary>The sum of a.b over pairs of same-shaped tensors.</summary>
    public static Tensor Dot(IEnumerable<Tensor> a, IEnumerable<Tensor> b) =>
        a.Zip(b, (x, y) => (x * y).sum()).Aggregate((s, t) => s + t);

    /// <summary>1/2 sum |t|^2 over the tensors.</summary>
    public static Tensor HalfSquaredNorm(IEnumerable<Tensor> tensors) =>
        0.5 * tensors.Select(t => t.pow(2).sum()).Aggregate((s, t) => s + t);
}
