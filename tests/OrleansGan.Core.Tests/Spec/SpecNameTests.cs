using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>Choices are written in specs as kebab-case names, and read back only by those names.</summary>
public class SpecNameTests
{
    [Theory]
    [InlineData("minimax", LossKind.Minimax)]
    [InlineData("non-saturating", LossKind.NonSaturating)]
    [InlineData("maximum-likelihood", LossKind.MaximumLikelihood)]
    public void Losses_are_named_in_kebab_case(string name, LossKind kind)
    {
        var spec = GameSpecLoader.Load(null, Overrides(("loss", name)));
        Assert.Equal(kind, spec.Loss);
        Assert.Contains($"\"loss\": \"{name}\"", GameSpecLoader.ToJson(spec));
    }

    [Theory]
    [InlineData("ring8", DataKind.Ring8)]
    [InlineData("grid25", DataKind.Grid25)]
    public void Data_kinds_are_named_in_kebab_case(string name, DataKind kind)
    {
        var spec = GameSpecLoader.Load(null, Overrides(("data.kind", name)));
        Assert.Equal(kind, spec.Data.Kind);
        Assert.Contains($"\"kind\": \"{name}\"", GameSpecLoader.ToJson(spec));
    }

    [Theory]
    [InlineData("relu", Activation.Relu)]
    [InlineData("leaky-relu", Activation.LeakyRelu)]
    [InlineData("tanh", Activation.Tanh)]
    public void Activations_are_named_in_kebab_case(string name, Activation activation)
    {
        var spec = GameSpecLoader.Load(null, Overrides(("generator.activation", name), ("discriminator.activation", name)));
        Assert.Equal(activation, spec.Generator.Activation);
        Assert.Equal(activation, spec.Discriminator.Activation);
        Assert.Contains($"\"activation\": \"{name}\"", GameSpecLoader.ToJson(spec));
    }

    [Theory]
    [InlineData("simultaneous", ProtocolKind.Simultaneous)]
    [InlineData("alternating", ProtocolKind.Alternating)]
    public void Protocols_are_named_in_kebab_case(string name, ProtocolKind kind)
    {
        Assert.Equal(kind, GameSpecLoader.Load(null, Overrides(("protocol.kind", name))).Protocol.Kind);
    }

    [Theory]
    [InlineData("adam", OptimizerKind.Adam)]
    [InlineData("sgd", OptimizerKind.Sgd)]
    public void Optimizers_are_named_in_kebab_case(string name, OptimizerKind kind)
    {
        Assert.Equal(kind, GameSpecLoader.Load(null, Overrides(("discriminator.optimizer.kind", name))).Discriminator.Optimizer.Kind);
    }

    [Theory]
    [InlineData("MaximumLikelihood")]
    [InlineData("maximumlikelihood")]
    [InlineData("maximum_likelihood")]
    [InlineData("2")]
    public void Csharp_names_and_numbers_are_not_spec_names(string name)
    {
        var error = Refused(("loss", name));
        Assert.Contains("loss:", error.Message);
    }

    [Fact]
    public void A_protocol_shows_as_its_name_and_step_counts()
    {
        Assert.Equal("alternating(5,2)", new ProtocolSpec(ProtocolKind.Alternating, 5, 2, 5, 1).ToString());
        Assert.Equal("alternating(1,3)", new ProtocolSpec(ProtocolKind.Alternating, 1, 3, 5, 1).ToString());
        Assert.Equal("simultaneous", new ProtocolSpec(ProtocolKind.Simultaneous, 5, 2, 5, 1).ToString());
        Assert.Equal("unrolled(7)", new ProtocolSpec(ProtocolKind.Unrolled, 1, 1, 7, 1).ToString());
        Assert.Equal("unrolled-stop-gradient(3)", new ProtocolSpec(ProtocolKind.UnrolledStopGradient, 1, 1, 3, 1).ToString());
        Assert.Equal("consensus(0.5)", new ProtocolSpec(ProtocolKind.Consensus, 1, 1, 3, 0.5).ToString());
        Assert.Equal("extragradient", new ProtocolSpec(ProtocolKind.Extragradient, 1, 1, 3, 0.5).ToString());
        Assert.Equal("optimistic", new ProtocolSpec(ProtocolKind.Optimistic, 1, 1, 3, 0.5).ToString());
    }
}
