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

    private static readonly (string, string)[] DcganOnMnist =
    [
        ("data.kind", "mnist"), ("generator.network", "dcgan"), ("generator.hidden", "[8, 4]"), ("generator.outputSize", "784"),
        ("discriminator.network", "dcgan"), ("discriminator.hidden", "[4, 8]"), ("discriminator.inputSize", "784"),
    ];

    [Theory]
    [InlineData("conditional", "1")]
    [InlineData("conditional", "2")]
    [InlineData("auxiliary-classes", "1")]
    public void Dcgan_players_on_digits_take_class_labels(string mode, string pack)
    {
        var spec = GameSpecLoader.Load(null, Overrides([.. DcganOnMnist, ("stabilizers.classLabels", mode), ("discriminator.pack", pack)]));
        Assert.Equal(GeneratorNetwork.Dcgan, spec.Generator.Network);
        Assert.Equal(DiscriminatorNetwork.Dcgan, spec.Discriminator.Network);
    }

    [Fact]
    public void The_documented_conditional_dcgan_spec_loads_and_counts_the_class_inputs()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
        {
            folder = folder.Parent;
        }

        var specs = Path.Combine(folder!.FullName, "docs", "specs");
        var plain = GameSpecLoader.Load(Path.Combine(specs, "dcgan-mnist.yaml"));
        var conditional = GameSpecLoader.Load(Path.Combine(specs, "conditional-dcgan-mnist.yaml"));

        Assert.Equal(ClassLabels.Conditional, conditional.Stabilizers.ClassLabels);
        Assert.Equal(GameSpecLoader.ToJson(plain with { Name = conditional.Name, Stabilizers = conditional.Stabilizers }), GameSpecLoader.ToJson(conditional));

        // Ten one-hot values into G's dense layer to 128 maps of 7x7; ten class channels into D's 4x4 convolution to 64 maps.
        Assert.Equal(GameSpecValidator.ParameterCount(plain) + (10 * 128 * 49) + (10 * 64 * 16), GameSpecValidator.ParameterCount(conditional));
    }

    [Fact]
    public void The_n_plus_1_class_discriminator_judging_packs_is_refused_naming_the_field()
    {
        var error = Refused([.. DcganOnMnist, ("stabilizers.classLabels", "auxiliary-classes"), ("discriminator.pack", "2")]);
        Assert.Contains(error.Problems, p => p.StartsWith("stabilizers.classLabels: the (n+1)-class discriminator names the class of each sample, and a pack of 2", StringComparison.Ordinal));
        Assert.Contains(Refused(("stabilizers.classLabels", "auxiliary-classes"), ("discriminator.pack", "2")).Problems,
            p => p.EndsWith("(discriminator.pack must be 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditional_dcgan_players_with_virtual_batch_normalization_are_refused_naming_the_field()
    {
        var error = Refused([.. DcganOnMnist, ("stabilizers.classLabels", "conditional"), ("discriminator.normalization", "virtual-batch")]);
        Assert.Contains(error.Problems, p => p.StartsWith("stabilizers.classLabels: virtual batch normalization's reference batch carries no classes", StringComparison.Ordinal));
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
