using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>stabilizers.classLabels: read from specs, refused where the data or the networks cannot use classes.</summary>
public class ClassLabelsSpecTests
{
    [Theory]
    [InlineData("none", ClassLabels.None)]
    [InlineData("conditional", ClassLabels.Conditional)]
    [InlineData("auxiliary-classes", ClassLabels.AuxiliaryClasses)]
    public void Every_mode_is_read_and_none_is_the_default(string name, ClassLabels mode)
    {
        Assert.Equal(ClassLabels.None, GameSpecLoader.Load(null).Stabilizers.ClassLabels);
        Assert.Equal(mode, GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", name))).Stabilizers.ClassLabels);
        Assert.Equal(mode, GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", name), ("data.kind", "grid25"))).Stabilizers.ClassLabels);
    }

    [Theory]
    [InlineData("conditional")]
    [InlineData("auxiliary-classes")]
    public void Data_of_one_class_is_refused_naming_the_field(string mode)
    {
        var error = Refused(("stabilizers.classLabels", mode), ("data.kind", "dirac"), ("generator.outputSize", "1"), ("discriminator.inputSize", "1"));
        Assert.Contains(error.Problems, p => p == $"stabilizers.classLabels: {mode} needs data with at least two classes; dirac has 1");
    }

    [Fact]
    public void Networks_that_cannot_read_or_give_classes_are_refused_naming_the_field()
    {
        Assert.Contains(Refused(("stabilizers.classLabels", "conditional"), ("generator.network", "point-mass")).Problems,
            p => p.StartsWith("stabilizers.classLabels: a conditional generator reads [z, onehot(y)]", StringComparison.Ordinal));
        Assert.Contains(Refused(("stabilizers.classLabels", "auxiliary-classes"), ("discriminator.network", "linear")).Problems,
            p => p.StartsWith("stabilizers.classLabels: the (n+1)-class discriminator has n+1 outputs", StringComparison.Ordinal));

        // A conditional linear critic reads [x, onehot(y)]: allowed.
        GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", "conditional"), ("discriminator.network", "linear")));
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_choices()
    {
        var error = Assert.ThrowsAny<Exception>(() => GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", "labels"))));
        Assert.Contains("stabilizers.classLabels", error.Message);
        Assert.Contains("none, conditional, auxiliary-classes", error.Message);
    }

    [Fact]
    public void Parameter_counts_include_the_one_hot_inputs_and_the_extra_outputs()
    {
        var plain = GameSpecValidator.ParameterCount(GameSpecLoader.Load(null));
        var conditional = GameSpecValidator.ParameterCount(GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", "conditional"))));
        var auxiliary = GameSpecValidator.ParameterCount(GameSpecLoader.Load(null, Overrides(("stabilizers.classLabels", "auxiliary-classes"))));

        // 8 one-hot inputs into the first layers of 128 units of both players; 8 more outputs from D's last 128 units.
        Assert.Equal(plain + (2 * 8 * 128), conditional);
        Assert.Equal(plain + (8 * 128) + 8, auxiliary);
    }
}
