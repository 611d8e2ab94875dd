using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Checkpoints;

/// <summary>A checkpoint keeps the image figures of its evaluations, and still reads those of the mixtures (none).</summary>
public class ImageEvaluationCheckpointTests
{
    [Fact]
    public void Image_figures_and_the_sample_grid_survive_a_checkpoint()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["data.kind"] = "mnist", ["generator.outputSize"] = "784", ["discriminator.inputSize"] = "784",
        });
        double[] shares = [0.5, 0.25, 0.25, 0, 0, 0, 0, 0, 0, 0];
        var grid = Enumerable.Range(0, EvaluationRecord.GridSamples * 784).Select(i => (byte)(i % 251)).ToArray();
        var image = new EvaluationRecord(10, 3, 10, 0.4, 0.6, 0.5, new TensorBytes([], [0, 784]), shares, 0.7, 123.5, grid, 0.83);
        var mixture = new EvaluationRecord(0, 1, 8, 0.1, 0.5, 0.5, new TensorBytes([0, 0, 128, 63], [1, 1]));

        var read = GameCheckpointFormat.Read(GameCheckpointFormat.Write(new GameCheckpoint(spec, 10, 1.5, [], [mixture, image], [1], [2])), "test");

        var (m, i) = (read.Evaluations[0], read.Evaluations[1]);
        Assert.Null(m.ClassShares);
        Assert.Null(m.FrechetDistance);
        Assert.Null(m.SampleGrid);
        Assert.Null(m.ClassAccuracy);
        Assert.Equal(shares, i.ClassShares);
        Assert.Equal(0.7, i.MeanConfidence);
        Assert.Equal(123.5, i.FrechetDistance);
        Assert.Equal(grid, i.SampleGrid);
        Assert.Equal(0.83, i.ClassAccuracy);
        Assert.Equal(spec.Data, read.Spec.Data);
    }
}
