using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.BadInput;

/// <summary>
/// Sizes that no machine can play (--latent 2147483647, a billion parameters, a minibatch of gigabytes) are refused
/// by the validator, naming the field and what the size would cost, instead of failing in libtorch after the game
/// has started.
/// </summary>
public class SpecSizeBadInputTests
{
    public static TheoryData<(string, string)[], string> TooLarge => new()
    {
        { [("generator.latentSize", "2147483647")], "generator.latentSize: must be at most 65,536 (got 2,147,483,647)" },
        { [("generator.hidden", "[100000]")], "generator.hidden[0]: a layer has at most 65,536 units (got 100,000)" },
        { [("discriminator.hidden", "[" + string.Join(",", Enumerable.Repeat(8, 65)) + "]")], "discriminator.hidden: must have at most 64 layers (got 65)" },
        { [("generator.hidden", "[65536, 65536]")], "the two players would have 4,295," },
        { [("batchSize", "1048576"), ("generator.hidden", "[4096]")], "batchSize: a layer of 4,096 values per sample makes 16 GiB per minibatch" },
        { [("evaluation.samples", "2147483647")], "evaluation.samples: 2,147,483,647 samples make" },
        { [("rounds", "2147483647")], "rounds: must be at most 1,000,000" },
        { [("discriminator.pack", "1000")], "discriminator.pack: must be at most 64 (got 1,000)" },
        { [("discriminator.minibatchFeatures.kernels", "1000000")], "discriminator.minibatchFeatures.kernels: must be at most 65,536" },
        { [("generator.outputSize", "2147483647"), ("discriminator.inputSize", "2147483647")], "generator.outputSize: must be at most 65,536" },
    };

    [Theory]
    [MemberData(nameof(TooLarge))]
    public void A_size_no_machine_can_play_is_refused_naming_the_field((string, string)[] overrides, string message)
    {
        var error = Refused(overrides);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_largest_games_the_project_plays_pass()
    {
        GameSpecLoader.Load(null, Overrides(("generator.hidden", "[1024, 1024, 1024]"), ("discriminator.hidden", "[1024, 1024, 1024]"), ("batchSize", "4096"), ("rounds", "1000000")));
        GameSpecLoader.Load(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "specs", "dcgan-mnist.yaml"));
    }
}
