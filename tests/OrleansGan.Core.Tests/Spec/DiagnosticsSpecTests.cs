using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>The diagnostics section: its defaults, a spec file that sets part of it, and refusals naming the field.</summary>
public class DiagnosticsSpecTests
{
    [Fact]
    public void The_defaults_diagnose_nothing_during_a_game_and_describe_a_full_diagnosis()
    {
        var d = GameSpecLoader.Load(null).Diagnostics!;
        Assert.Equal(0, d.Every);
        Assert.Equal(1024, d.BatchSize);
        Assert.Equal(16, d.Chunks);
        Assert.Equal(20, d.Eigenvalues);
        Assert.Equal(TensorPrecision.Float64, d.Precision);
        Assert.Equal(500, d.DualityGap.Steps);
        Assert.Equal(0.25, d.DualityGap.Perturbation);
        Assert.Null(d.DualityGap.LearningRate);
        Assert.Equal((100, -0.1, 1.1), (d.PathAngle.Points, d.PathAngle.From, d.PathAngle.To));
    }

    [Fact]
    public void The_documented_diagnosed_ring_spec_sets_only_what_it_names()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansGan.sln")))
        {
            folder = folder.Parent;
        }

        var d = GameSpecLoader.Load(Path.Combine(folder!.FullName, "docs", "specs", "ring-diagnosed.yaml")).Diagnostics!;
        Assert.Equal(500, d.Every);
        Assert.Equal(TensorPrecision.Float32, d.Precision);
        Assert.Equal(50, d.PathAngle.Points);
        Assert.Equal(-0.1, d.PathAngle.From);
        Assert.Equal(1024, d.BatchSize);
    }

    [Theory]
    [InlineData("diagnostics.chunks", "3", "diagnostics.batchSize", "do not cut into 3 equal chunks")]
    [InlineData("diagnostics.chunks", "1", "diagnostics.chunks", "at least 2 chunks")]
    [InlineData("diagnostics.every", "-1", "diagnostics.every", "(got -1)")]
    [InlineData("diagnostics.tolerance", "0", "diagnostics.tolerance", "(0, 1)")]
    [InlineData("diagnostics.eigenvalues", "0", "diagnostics.eigenvalues", "between 1 and 500")]
    [InlineData("diagnostics.dualityGap.steps", "-5", "diagnostics.dualityGap.steps", "(got -5)")]
    [InlineData("diagnostics.dualityGap.perturbation", "-0.1", "diagnostics.dualityGap.perturbation", "finite and >= 0")]
    [InlineData("diagnostics.dualityGap.learningRate", "0", "diagnostics.dualityGap.learningRate", "positive")]
    [InlineData("diagnostics.pathAngle.from", "2", "diagnostics.pathAngle.from", "from a smaller alpha")]
    [InlineData("diagnostics.pathAngle.points", "1", "diagnostics.pathAngle.points", "between 2 and 10000")]
    [InlineData("diagnostics.batchSize", "100000", "diagnostics.batchSize", "between 1 and 65536")]
    public void Bad_diagnostics_are_refused_naming_the_field(string field, string value, string named, string detail)
    {
        var error = Refused((field, value));
        Assert.Contains(error.Problems, p => p.StartsWith(named + ": ", StringComparison.Ordinal) && p.Contains(detail, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_precision_is_refused_with_the_choices()
    {
        var error = Assert.Throws<InvalidGameSpecException>(() => GameSpecLoader.Load(null, Overrides(("diagnostics.precision", "float16"))));
        Assert.Contains("float32", error.Message);
        Assert.Contains("float64", error.Message);
    }

    [Fact]
    public void Packs_of_the_discriminator_must_fit_in_a_chunk()
    {
        var error = Refused(("discriminator.pack", "3"), ("batchSize", "129"), ("evaluation.samples", "300"), ("diagnostics.batchSize", "1024"), ("diagnostics.every", "50"));
        Assert.Contains(error.Problems, p => p.StartsWith("diagnostics.batchSize: ", StringComparison.Ordinal) && p.Contains("packs of 3", StringComparison.Ordinal));

        // A game that never diagnoses itself keeps the default batch; `diagnose` checks its own batch against the pack.
        Assert.Equal(3, GameSpecLoader.Load(null, Overrides(("discriminator.pack", "3"), ("batchSize", "129"), ("evaluation.samples", "300"))).Discriminator.Pack);
    }
}
