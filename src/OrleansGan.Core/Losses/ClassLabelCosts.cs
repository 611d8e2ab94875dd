using OrleansGan.Abstractions.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansGan.Core.Losses;

/// <summary>
/// The game's costs as functions of the discriminator's raw output, for every way the players use class labels.
/// Without labels and for a class-conditional pair the output is one logit and the costs are the loss's own (the
/// conditioning lives in the networks' inputs). For the (n+1)-class discriminator (Salimans et al. 2016, section 5)
/// the output is n + 1 logits (l_1..l_n for the real classes, l_(n+1) for "fake") and
/// <list type="bullet">
/// <item>the real/fake logit is l(x) = logsumexp(l_1..l_n) - l_(n+1), so sigma(l(x)) = Z(x) / (Z(x) + exp(l_(n+1))) with
/// Z(x) = sum_k exp(l_k): the paper's D(x) = Z(x) / (Z(x) + 1), which fixes l_(n+1) = 0, without fixing it;</item>
/// <item>J_D = 1/2 E_(x,y) CE_n(l_1..l_n(x), y) + J_D^loss(l(x), l(G(z))), the supervised cost over the real classes
/// (the paper's L_supervised) plus the chosen loss on l (its L_unsupervised);</item>
/// <item>J_G = J_G^loss(l(G(z))).</item>
/// </list>
/// For the cross-entropy losses without smoothing, J_D is exactly the (n+1)-class cross-entropy averaged over the two
/// minibatches, each weighted 1/2, with the true class for real samples and class n+1 for fakes: -log p(y|x) over
/// n+1 classes splits into -log p(y|x, y &lt;= n) - log D(x).
/// </summary>
public sealed class ClassLabelCosts
{
    /// <summary>Costs of <paramref name="loss"/> for a discriminator using labels by <paramref name="mode"/> over <paramref name="classes"/> real classes.</summary>
    public ClassLabelCosts(GanLoss loss, ClassLabels mode, int classes)
    {
        if (mode != ClassLabels.None && classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"class labels ({mode}) need data with at least two classes");
        }

        Loss = loss;
        Mode = mode;
        Classes = classes;
    }

    /// <summary>The loss whose J_D and J_G are applied to the real/fake logit.</summary>
    public GanLoss Loss { get; }

    /// <summary>How the discriminator uses the classes.</summary>
    public ClassLabels Mode { get; }

    /// <summary>Number of real classes n.</summary>
    public int Classes { get; }

    /// <summary>The discriminator's outputs per sample: n + 1 for the (n+1)-class discriminator, otherwise 1.</summary>
    public int Outputs => Mode == ClassLabels.AuxiliaryClasses ? Classes + 1 : 1;

    /// <summary>The real/fake logit sigma^-1(D(x)) of each sample, [batch, 1], from the discriminator's raw output.</summary>
    public Tensor Logit(Tensor output) => Mode == ClassLabels.AuxiliaryClasses
        ? output.narrow(1, 0, Classes).logsumexp(1, keepdim: true) - output.narrow(1, Classes, 1)
        : output;

    /// <summary>J_D on the outputs of a real minibatch with its classes and of a fake minibatch.</summary>
    public Tensor Discriminator(Tensor realOutput, Tensor realLabels, Tensor fakeOutput)
    {
        var cost = Loss.Discriminator(Logit(realOutput), Logit(fakeOutput));
        return Mode == ClassLabels.AuxiliaryClasses ? (0.5 * Supervised(realOutput, realLabels)) + cost : cost;
    }

    /// <summary>J_G on the output of a fake minibatch.</summary>
    public Tensor Generator(Tensor fakeOutput) => Loss.Generator(Logit(fakeOutput));

    /// <summary>
    /// E_(x,y) -log p(y | x, y &lt;= n): the cross-entropy of the real classes' logits with the true class
    /// (Salimans et al. 2016, L_supervised).
    /// </summary>
    public Tensor Supervised(Tensor realOutput, Tensor realLabels) =>
        cross_entropy(realOutput.narrow(1, 0, Classes), realLabels.to(ScalarType.Int64).to(realOutput.device));
}
