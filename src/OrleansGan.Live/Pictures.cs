using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Native;
using OrleansGan.Core.Randomness;
using OrleansGan.Core.Tensors;
using ScottPlot;
using SkiaSharp;

namespace OrleansGan.Live;

/// <summary>The pictures of a run: generated samples over the real data, and the players' curves.</summary>
public static class Pictures
{
    private const int Width = 800;
    private const int Height = 800;

    /// <summary>
    /// The held-out real sample a game's evaluations are compared with (the same seed stream as the evaluation's), drawn
    /// behind its samples; empty unless the data are a 2-D mixture.
    /// </summary>
    public static float[] RealSample(GameSpec spec)
    {
        var mixture = spec.Data.Kind == DataKind.Mnist ? null : GaussianMixture.For(spec.Data);
        if (mixture is not { Dimension: 2 })
        {
            return [];
        }

        TorchRuntime.EnsureLoaded(); // drawing the real sample needs the native layer, in a silo or a client
        using var stream = new TorchSharp.torch.Generator(PlayerSeeds.EvaluationReal(spec.Seed));
        using var real = mixture.Sample(spec.Evaluation.Samples, stream, TorchSharp.torch.CPU);
        return TensorCodec.ToArray(TensorCodec.ToMessage(real));
    }

    /// <summary>Generated samples (one evaluation) drawn over a real sample and the modes' quality circles.</summary>
    public static void Samples(string path, EvaluationRecord evaluation, GaussianMixture data, double qualityStds, float[] realSample) =>
        File.WriteAllBytes(path, SamplesPng(evaluation, data, qualityStds, realSample));

    /// <summary>The samples picture as PNG bytes (800 x 800).</summary>
    public static byte[] SamplesPng(EvaluationRecord evaluation, GaussianMixture data, double qualityStds, float[] realSample)
    {
        var plot = new Plot();
        var real = Points(realSample, data.Dimension);
        var fake = Points(TensorCodec.ToArray(evaluation.Samples), data.Dimension);

        var realDots = plot.Add.ScatterPoints(real.X, real.Y);
        realDots.MarkerSize = 3;
        realDots.Color = Colors.Gray.WithAlpha(0.5);
        realDots.LegendText = "real";

        var modes = data.Modes.ToArray();
        for (var m = 0; m < data.ModeCount; m++)
        {
            var circle = plot.Add.Circle(modes[m * data.Dimension], modes[(m * data.Dimension) + 1], qualityStds * data.Std);
            circle.LineColor = Colors.Black.WithAlpha(0.6);
            circle.FillColor = Colors.Transparent;
        }

        var fakeDots = plot.Add.ScatterPoints(fake.X, fake.Y);
        fakeDots.MarkerSize = 3;
        fakeDots.Color = Colors.OrangeRed.WithAlpha(0.6);
        fakeDots.LegendText = "generated";

        plot.Title($"round {evaluation.Round}: {evaluation.ModesCovered}/{evaluation.ModeCount} modes, "
            + $"{evaluation.HighQualityFraction:P1} high quality");
        plot.Axes.SquareUnits();
        var extent = Math.Max(modes.Max(Math.Abs), 1) * 1.6;
        plot.Axes.SetLimits(-extent, extent, -extent, extent);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImage(Width, Height).GetImageBytes();
    }

    /// <summary>J_D and J_G per round (top), D(x) and D(G(z)) per round (bottom), with modes covered over time.</summary>
    public static void Curves(string path, IReadOnlyList<RoundRecord> rounds, IReadOnlyList<EvaluationRecord> evaluations) =>
        File.WriteAllBytes(path, CurvesPng(rounds, evaluations));

    /// <summary>The curves as PNG bytes (800 x 1000).</summary>
    public static byte[] CurvesPng(IReadOnlyList<RoundRecord> rounds, IReadOnlyList<EvaluationRecord> evaluations)
    {
        var multi = new Multiplot();
        multi.AddPlots(3);
        var x = rounds.Select(r => (double)r.Round).ToArray();

        var losses = multi.GetPlot(0);
        losses.Add.ScatterLine(x, Smooth(rounds.Select(r => r.DiscriminatorLoss))).LegendText = "J_D";
        losses.Add.ScatterLine(x, Smooth(rounds.Select(r => r.GeneratorLoss))).LegendText = "J_G";
        losses.Title("losses (moving average)");
        losses.ShowLegend(Alignment.UpperRight);

        var scores = multi.GetPlot(1);
        scores.Add.ScatterLine(x, Smooth(rounds.Select(r => r.MeanRealScore))).LegendText = "D(x)";
        scores.Add.ScatterLine(x, Smooth(rounds.Select(r => r.MeanFakeScore))).LegendText = "D(G(z))";
        scores.Axes.SetLimitsY(0, 1);
        scores.Title("discriminator outputs (moving average)");
        scores.ShowLegend(Alignment.UpperRight);

        var coverage = multi.GetPlot(2);
        var evaluated = evaluations.Select(e => (double)e.Round).ToArray();
        var modes = coverage.Add.ScatterLine(evaluated, evaluations.Select(e => (double)e.ModesCovered).ToArray());
        modes.LegendText = "modes covered (left)";
        modes.MarkerSize = 6;
        var quality = coverage.Add.ScatterLine(evaluated, evaluations.Select(e => 100 * e.HighQualityFraction).ToArray());
        quality.LegendText = "high-quality samples, % (right)";
        quality.MarkerSize = 6;
        quality.Axes.YAxis = coverage.Axes.Right;
        coverage.Axes.SetLimitsY(0, (evaluations.Count > 0 ? evaluations[0].ModeCount : 1) + 0.5, coverage.Axes.Left);
        coverage.Axes.SetLimitsY(0, 105, coverage.Axes.Right);
        coverage.Axes.Left.Label.Text = "modes";
        coverage.Axes.Right.Label.Text = "%";
        coverage.Title("evaluation (fixed noise)");
        coverage.XLabel("round");
        coverage.ShowLegend(Alignment.LowerRight);

        // Multiplot has no GetImage: it renders onto a canvas of our own, as SavePng does.
        using var surface = SKSurface.Create(new SKImageInfo(Width, 1000));
        surface.Canvas.Clear(SKColors.White);
        multi.Render(surface.Canvas, new PixelRect(0, Width, 1000, 0));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static (double[] X, double[] Y) Points(float[] values, int dimension)
    {
        var count = values.Length / dimension;
        var xs = new double[count];
        var ys = new double[count];
        for (var i = 0; i < count; i++)
        {
            xs[i] = values[i * dimension];
            ys[i] = values[(i * dimension) + 1];
        }

        return (xs, ys);
    }

    // A trailing moving average: per-round losses of minibatches are too noisy to read raw.
    private static double[] Smooth(IEnumerable<double> values)
    {
        var raw = values.ToArray();
        var window = Math.Max(1, raw.Length / 100);
        var smooth = new double[raw.Length];
        var sum = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            sum += raw[i];
            if (i >= window)
            {
                sum -= raw[i - window];
            }

            smooth[i] = sum / Math.Min(i + 1, window);
        }

        return smooth;
    }
}
