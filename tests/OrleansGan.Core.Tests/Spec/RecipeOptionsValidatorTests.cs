using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>The options of the papers' 2-d recipes read from specs, and bad values are refused by field.</summary>
public class RecipeOptionsValidatorTests
{
    private static void AssertProblem(InvalidGameSpecException error, string field, string detail) =>
        Assert.Contains(error.Problems, p => p.StartsWith(field + ": ", StringComparison.Ordinal) && p.Contains(detail));

    [Fact]
    public void The_options_default_to_todays_games_and_read_from_a_spec()
    {
        var defaults = GameSpecLoader.Load(null);
        Assert.Equal(new DataSpec(DataKind.Ring8), defaults.Data);
        Assert.Equal(new InitializationSpec(WeightInitialization.Network), defaults.Generator.Initialization);
        Assert.True(defaults.Generator.HiddenBias);
        Assert.Equal((1, 1.0, true), (defaults.Discriminator.MaxoutPieces, defaults.Discriminator.InputScale, defaults.Discriminator.HiddenBias));
        Assert.Equal(CoverageRule.MinSamples, defaults.Evaluation.Rule);

        var spec = GameSpecLoader.Load(null, Overrides(
            ("data.radius", "1"), ("data.std", "0.01"), ("data.ringAngles", "linspace"), ("data.size", "100000"),
            ("generator.initialization.scheme", "orthogonal"), ("generator.initialization.gain", "0.8"), ("generator.hiddenBias", "false"),
            ("discriminator.initialization.scheme", "glorot-uniform"), ("discriminator.maxoutPieces", "5"), ("discriminator.inputScale", "0.25"),
            ("evaluation.rule", "veegan-pacgan")));
        Assert.Equal(new DataSpec(DataKind.Ring8, Radius: 1, Std: 0.01, RingAngles: RingAngles.Linspace, Size: 100_000), spec.Data);
        Assert.Equal(new InitializationSpec(WeightInitialization.Orthogonal, Gain: 0.8), spec.Generator.Initialization);
        Assert.False(spec.Generator.HiddenBias);
        Assert.Equal(WeightInitialization.GlorotUniform, spec.Discriminator.Initialization!.Scheme);
        Assert.Equal((5, 0.25), (spec.Discriminator.MaxoutPieces, spec.Discriminator.InputScale));
        Assert.Equal(CoverageRule.VeeganPacgan, spec.Evaluation.Rule);

        // The resolved spec replays: its JSON reads back to the same game.
        var folder = new SpecFolder();
        using (folder)
        {
            SpecAssert.Same(spec, GameSpecLoader.Load(folder.Write("spec.json", GameSpecLoader.ToJson(spec))));
        }
    }

    [Fact]
    public void Geometry_belongs_to_the_mixture_that_has_it_and_must_be_positive()
    {
        var error = Refused(("data.spacing", "2"), ("data.radius", "-1"), ("data.std", "0"));
        AssertProblem(error, "data.spacing", "only the grid has a spacing (data.kind is ring8)");
        AssertProblem(error, "data.radius", "must be positive (got -1)");
        AssertProblem(error, "data.std", "must be positive (got 0)");

        var grid = Refused(("data.kind", "grid25"), ("data.radius", "1"), ("data.ringAngles", "linspace"));
        AssertProblem(grid, "data.radius", "only the ring has a radius (data.kind is grid25)");
        AssertProblem(grid, "data.ringAngles", "only the ring has angles");

        var dirac = Refused(("data.kind", "dirac"), ("data.std", "0.1"), ("generator.outputSize", "1"), ("discriminator.inputSize", "1"));
        AssertProblem(dirac, "data.std", "only ring8 and grid25");
        Assert.ThrowsAny<Exception>(() => GameSpecLoader.Load(null, Overrides(("data.ringAngles", "random"))));
    }

    [Fact]
    public void Stratified_minibatches_need_a_multiple_of_the_modes_no_fixed_dataset_and_no_packs()
    {
        var error = Refused(("data.stratified", "true"), ("batchSize", "100"), ("data.size", "1000"), ("discriminator.pack", "2"));
        AssertProblem(error, "data.stratified", "batchSize 100 must be a multiple of the 8 modes");
        AssertProblem(error, "data.stratified", "set one of the two");
        AssertProblem(error, "data.stratified", "discriminator.pack must be 1");
        Assert.True(GameSpecLoader.Load(null, Overrides(("data.stratified", "true"), ("batchSize", "512"))).Data.Stratified);
        AssertProblem(Refused(("data.kind", "grid25"), ("data.stratified", "true"), ("batchSize", "512")), "data.stratified", "multiple of the 25 modes");
    }

    [Fact]
    public void A_fixed_dataset_is_of_a_mixture_and_of_a_sensible_size()
    {
        AssertProblem(Refused(("data.size", "0")), "data.size", "must be between 1 and 10000000 samples (got 0)");
        AssertProblem(Refused(("data.size", "20000000")), "data.size", "(got 20000000)");
        AssertProblem(Refused(("data.kind", "dirac"), ("data.size", "10"), ("generator.outputSize", "1"), ("discriminator.inputSize", "1")),
            "data.size", "ring8 or grid25 (data.kind is dirac)");
    }

    [Fact]
    public void Initialisations_biases_maxout_and_input_scales_are_for_mlp_players()
    {
        var error = Refused(
            ("generator.initialization.scheme", "orthogonal"), ("generator.initialization.gain", "0"), ("generator.initialization.std", "-1"),
            ("discriminator.network", "linear"), ("discriminator.initialization.scheme", "normal"), ("discriminator.hiddenBias", "false"),
            ("discriminator.maxoutPieces", "3"), ("discriminator.inputScale", "0.25"));
        AssertProblem(error, "generator.initialization.gain", "must be positive (got 0)");
        AssertProblem(error, "generator.initialization.std", "must be positive (got -1)");
        AssertProblem(error, "discriminator.initialization.scheme", "only an mlp takes an initialization; a linear");
        AssertProblem(error, "discriminator.hiddenBias", "only an mlp's hidden layers");
        AssertProblem(error, "discriminator.maxoutPieces", "hidden layers of an mlp");
        AssertProblem(error, "discriminator.inputScale", "scales the input of an mlp");
        Assert.ThrowsAny<Exception>(() => GameSpecLoader.Load(null, Overrides(("generator.initialization.scheme", "he"))));
    }

    [Fact]
    public void Maxout_layers_keep_their_biases_are_not_normalised_and_have_at_most_64_pieces()
    {
        var error = Refused(("discriminator.maxoutPieces", "5"), ("discriminator.normalization", "batch"), ("discriminator.hiddenBias", "false"));
        AssertProblem(error, "discriminator.maxoutPieces", "not normalised");
        AssertProblem(error, "discriminator.maxoutPieces", "keep their biases");
        AssertProblem(Refused(("discriminator.maxoutPieces", "0")), "discriminator.maxoutPieces", "(got 0)");
        AssertProblem(Refused(("discriminator.maxoutPieces", "65")), "discriminator.maxoutPieces", "(got 65)");
        AssertProblem(Refused(("discriminator.inputScale", "0")), "discriminator.inputScale", "non-zero");
        AssertProblem(Refused(("discriminator.inputScale", "0.5"), ("stabilizers.classLabels", "conditional")), "discriminator.inputScale", "one-hot");
    }

    [Fact]
    public void The_parameter_count_follows_maxout_and_dropped_biases()
    {
        // D: 2 -> maxout 4 x 3 -> 1: 2 x 12 + 12 + 4 + 1; G: 4 -> 8 (no bias, batch norm) -> 2: 32 + 16 + 18.
        var spec = GameSpecLoader.Load(null, Overrides(
            ("discriminator.hidden", "[4]"), ("discriminator.maxoutPieces", "3"),
            ("generator.hidden", "[8]"), ("generator.hiddenBias", "false"), ("generator.normalization", "batch")));
        Assert.Equal((24 + 12 + 5) + (32 + 16 + 18), GameSpecValidator.ParameterCount(spec));
    }
}
