using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>Specs on MNIST: the players must match 784 pixels, and data.path must name an existing folder of mnist data.</summary>
public class MnistSpecTests
{
    private static readonly (string, string)[] Mnist784 =
        [("data.kind", "mnist"), ("generator.outputSize", "784"), ("discriminator.inputSize", "784")];

    [Fact]
    public void A_mnist_spec_with_784_pixel_players_is_accepted_with_no_data_path()
    {
        var spec = GameSpecLoader.Load(null, Overrides(Mnist784));

        Assert.Equal(new DataSpec(DataKind.Mnist, null), spec.Data);
        Assert.Null(GameSpecLoader.Load(null).Data.Path);
    }

    [Fact]
    public void Players_sized_for_the_ring_are_refused_on_mnist()
    {
        var error = Refused(("data.kind", "mnist"));

        Assert.Contains(error.Problems, p => p == "generator.outputSize: must equal the data dimension 784 (got 2)");
        Assert.Contains(error.Problems, p => p == "discriminator.inputSize: must equal the data dimension 784 (got 2)");
    }

    [Fact]
    public void A_data_path_that_does_not_exist_is_refused_by_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-mnist-" + Guid.NewGuid().ToString("N"));

        var error = Refused([.. Mnist784, ("data.path", missing)]);

        Assert.Contains(error.Problems, p => p == $"data.path: folder '{missing}' does not exist");
    }

    [Fact]
    public void A_data_path_is_accepted_when_the_folder_exists_and_refused_for_the_mixtures()
    {
        var folder = Path.GetTempPath();

        Assert.Equal(folder, GameSpecLoader.Load(null, Overrides([.. Mnist784, ("data.path", folder)])).Data.Path);
        Assert.Contains(Refused(("data.path", folder)).Problems, p => p.StartsWith("data.path: only mnist reads its data from files", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("conditional")]
    [InlineData("auxiliary-classes")]
    public void Class_labels_on_mnist_are_checked_for_ten_digits_without_reading_the_data(string mode)
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-mnist-" + Guid.NewGuid().ToString("N"));

        var error = Refused([.. Mnist784, ("data.path", missing), ("stabilizers.classLabels", mode)]);

        Assert.Equal([$"data.path: folder '{missing}' does not exist"], error.Problems);
    }
}
