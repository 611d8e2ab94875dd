using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>
/// Every recipe under docs/recipes loads and validates as <c>run --spec</c> would read it, and its players have the
/// papers' networks: the parameter counts below are worked out by hand from the papers' and their code's descriptions.
/// </summary>
public class RecipeFilesTests
{
    public RecipeFilesTests() => TorchRuntime.EnsureLoaded();

    // G and D parameters of each recipe family, by hand:
    // 256 -> 128 -> 128 -> 2: (256 x 128 + 128) + (128 x 128 + 128) + (128 x 2 + 2) = 49,666;
    // 2 -> 128 -> 1: 384 + 129 = 513; 2 -> 128 -> 128 -> 1: 384 + 16,512 + 129 = 17,025;
    // PacGAN G 2 -> 4 x 400 (no bias, batch norm) -> 2: 800 + 3 x 160,000 + 4 x 800 + 802 = 484,802;
    // PacGAN D 2m -> 3 x maxout(200 x 5) -> 1: (2m x 1,000 + 1,000) + 2 x (200 x 1,000 + 1,000) + 201 = 2,000 m + 403,201;
    // Numerics 16 -> 4 x 16 -> 2: 272 + 3 x 272 + 34 = 1,122; 2 -> 4 x 16 -> 1: 48 + 816 + 17 = 881.
    public static TheoryData<string, long, long> Recipes() => new()
    {
        { "unrolled-gan/paper-k10.yaml", 49_666, 513 },
        { "unrolled-gan/paper-k0.yaml", 49_666, 513 },
        { "unrolled-gan/notebook-k5.yaml", 49_666, 17_025 },
        { "unrolled-gan/notebook-k0.yaml", 49_666, 17_025 },
        { "unrolled-gan/notebook-k10.yaml", 49_666, 17_025 },
        { "veegan/gan-grid.yaml", 49_666, 513 },
        { "veegan/gan-ring.yaml", 49_666, 513 },
        { "veegan/unrolled5-grid.yaml", 49_666, 513 },
        { "veegan/unrolled5-ring.yaml", 49_666, 513 },
        { "pacgan/gan-grid.yaml", 484_802, 405_201 },
        { "pacgan/pacgan2-grid.yaml", 484_802, 407_201 },
        { "pacgan/pacgan3-grid.yaml", 484_802, 409_201 },
        { "pacgan/pacgan4-grid.yaml", 484_802, 411_201 },
        { "pacgan/gan-ring.yaml", 484_802, 405_201 },
        { "pacgan/pacgan2-ring.yaml", 484_802, 407_201 },
        { "pacgan/pacgan3-ring.yaml", 484_802, 409_201 },
        { "pacgan/pacgan4-ring.yaml", 484_802, 411_201 },
        { "numerics-of-gans/simultaneous.yaml", 1_122, 881 },
        { "numerics-of-gans/consensus.yaml", 1_122, 881 },
    };

    private static string RecipeFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("no OrleansGan.sln above the tests"), "docs", "recipes");
    }

    [Fact]
    public void Every_recipe_file_is_listed_here_so_none_goes_untested()
    {
        var root = RecipeFolder();
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order();
        Assert.Equal(Recipes().Select(r => (string)r[0]).Order(), files);
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public void A_recipe_loads_validates_and_has_the_papers_networks(string file, long generatorParameters, long discriminatorParameters)
    {
        var spec = GameSpecLoader.Load(Path.Combine(RecipeFolder(), file));
        Assert.Empty(GameSpecValidator.Problems(spec));
        using var g = PlayerNetworks.Generator(spec.Generator);
        using var d = PlayerNetworks.Discriminator(spec.Discriminator);
        Assert.Equal(generatorParameters, g.parameters().Sum(p => p.NumberOfElements));
        Assert.Equal(discriminatorParameters, d.parameters().Sum(p => p.NumberOfElements));
        Assert.Equal(generatorParameters + discriminatorParameters, GameSpecValidator.ParameterCount(spec));

        // Every recipe is scored by VEEGAN's and PacGAN's rule on 2,500 samples, and is named after its file.
        Assert.Equal((2500, 3.0, CoverageRule.VeeganPacgan), (spec.Evaluation.Samples, spec.Evaluation.QualityStds, spec.Evaluation.Rule));
        Assert.EndsWith(Path.GetFileNameWithoutExtension(file), spec.Name, StringComparison.Ordinal);
        Assert.True(spec.Checkpoint.Every > 0 && spec.Rounds % spec.Checkpoint.Every == 0, "a full-length run checkpoints so that resume can continue it");
    }

    [Fact]
    public void The_recipes_carry_their_papers_data_and_schedules()
    {
        GameSpec Load(string file) => GameSpecLoader.Load(Path.Combine(RecipeFolder(), file));

        var paper = Load("unrolled-gan/paper-k10.yaml");
        Assert.Equal((2.0, 0.02, 25_000, 512, 10), (paper.Data.Radius!.Value, paper.Data.Std!.Value, paper.Rounds, paper.BatchSize, paper.Protocol.UnrollSteps));
        Assert.Equal(ProtocolKind.Unrolled, paper.Protocol.Kind);
        Assert.Equal(0, Load("unrolled-gan/paper-k0.yaml").Protocol.UnrollSteps);
        var notebook = Load("unrolled-gan/notebook-k5.yaml");
        Assert.Equal((RingAngles.Linspace, Activation.Tanh, 1.4), (notebook.Data.RingAngles, notebook.Generator.Activation, notebook.Generator.Initialization!.Gain));
        Assert.Equal((1e-3, 1e-4), (notebook.Generator.Optimizer.LearningRate, notebook.Discriminator.Optimizer.LearningRate));

        var veegan = Load("veegan/gan-ring.yaml");
        Assert.Equal((DataKind.Ring8, 1.0, 100_000, 500, ProtocolKind.Simultaneous), (veegan.Data.Kind, veegan.Data.Radius!.Value, veegan.Rounds, veegan.BatchSize, veegan.Protocol.Kind));
        Assert.Equal(5, Load("veegan/unrolled5-grid.yaml").Protocol.UnrollSteps);

        foreach (var m in new[] { 1, 2, 3, 4 })
        {
            var pacgan = Load(m == 1 ? "pacgan/gan-grid.yaml" : $"pacgan/pacgan{m}-grid.yaml");
            Assert.Equal((m, 100 * m, 100_000, 400_000), (pacgan.Discriminator.Pack, pacgan.BatchSize, pacgan.Data.Size!.Value, pacgan.Rounds));
            Assert.Equal((0.8, 1e-4), (pacgan.Generator.Optimizer.Beta1, pacgan.Discriminator.Optimizer.LearningRate));
        }

        var numerics = Load("numerics-of-gans/consensus.yaml");
        Assert.True(numerics.Data.Stratified);
        Assert.Equal((ProtocolKind.Consensus, 20.0, OptimizerKind.Rmsprop, 0.9), (numerics.Protocol.Kind, numerics.Protocol.ConsensusWeight, numerics.Generator.Optimizer.Kind, numerics.Generator.Optimizer.Alpha));
        Assert.Equal(ProtocolKind.Simultaneous, Load("numerics-of-gans/simultaneous.yaml").Protocol.Kind);
    }
}
