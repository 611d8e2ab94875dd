using System.Globalization;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Tensors;
using ScottPlot;
using SkiaSharp;

namespace OrleansGan.Live;

/// <summary>
/// A field snapshot drawn as GAN Lab draws one: on the left, the discriminator's field as a heatmap with its colour
/// bar, the real and generated samples, the quality circles and the gradient message as arrows (-dJ_G/dx: where each
/// sample is pushed, with the arrows' scale written under the panel); on the right, the generator's manifold as a
/// deformed mesh over the real data, and the share of high-quality samples nearest each mode.
/// </summary>
public static class FieldPictures
{
    /// <summary>Side of the main panel, in pixels; the right column is half as wide.</summary>
    public const int Side = 800;

    /// <summary>Arrows drawn at most (every k-th generated sample), so the picture stays readable.</summary>
    public const int MaxArrows = 160;

    /// <summary>Writes the picture as PNG.</summary>
    public static void Save(string path, FieldSnapshot snapshot)
    {
        File.WriteAllBytes(path, Png(snapshot));
    }

    /// <summary>The picture as PNG bytes (1200 x 800).</summary>
    public static byte[] Png(FieldSnapshot snapshot)
    {
        var half = Side / 2;
        using var surface = SKSurface.Create(new SKImageInfo(Side + half, Side));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        Draw(canvas, Field(snapshot), 0, 0, Side, Side);
        Draw(canvas, Manifold(snapshot), Side, 0, half, half);
        Draw(canvas, ModeBars(snapshot), Side, half, half, half);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The arrows' scale: drawn length = scale x |dJ_G/dx|, so the 95th percentile of the lengths is 8% of the square.</summary>
    public static double ArrowScale(FieldSnapshot snapshot)
    {
        var norms = Norms(snapshot);
        if (norms.Length == 0)
        {
            return 0;
        }

        Array.Sort(norms);
        var typical = norms[(int)(0.95 * (norms.Length - 1))];
        return typical > 0 ? 0.08 * 2 * snapshot.Extent / typical : 0;
    }

    private static void Draw(SKCanvas canvas, Plot plot, int left, int top, int width, int height)
    {
        // Each panel on a surface of its own (a plot clears the whole canvas it renders on), copied across as pixels:
        // no PNG of each panel to encode and decode again.
        using var panel = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(panel.Canvas, new PixelRect(0, width, height, 0));
        using var image = panel.Snapshot();
        canvas.DrawImage(image, left, top);
    }

    private static Plot Field(FieldSnapshot s)
    {
        var plot = new Plot();
        var extent = s.Extent;
        if (s.Values is { } values)
        {
            var cells = values.Shape[0];
            var flat = TensorCodec.ToArray(values);

            // ScottPlot draws row 0 at the top; the snapshot's row 0 is the lowest y.
            var intensities = new double[cells, cells];
            for (var r = 0; r < cells; r++)
            {
                for (var c = 0; c < cells; c++)
                {
                    intensities[cells - 1 - r, c] = flat[(r * cells) + c];
                }
            }

            var heatmap = plot.Add.Heatmap(intensities);
            heatmap.Extent = new CoordinateRect(-extent, extent, -extent, extent);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            if (s.Kind == FieldValueKind.Probability)
            {
                heatmap.ManualRange = new ScottPlot.Range(0, 1);
            }

            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = s.Kind switch
            {
                FieldValueKind.Probability => "D(x), probability of real",
                FieldValueKind.Energy => "D(x), energy (low = real)",
                _ => "D(x), critic value (high = real)",
            };
        }

        var real = Points(s.Real);
        var realDots = plot.Add.ScatterPoints(real.X, real.Y);
        realDots.MarkerSize = 3;
        realDots.Color = Colors.White.WithAlpha(0.55);
        realDots.LegendText = "real";

        var modes = TensorCodec.ToArray(s.Modes);
        for (var m = 0; m < modes.Length / 2; m++)
        {
            var circle = plot.Add.Circle(modes[2 * m], modes[(2 * m) + 1], s.QualityRadius);
            circle.LineColor = Colors.Black.WithAlpha(0.7);
            circle.FillColor = Colors.Transparent;
        }

        var fake = Points(s.Fake);
        var fakeDots = plot.Add.ScatterPoints(fake.X, fake.Y);
        fakeDots.MarkerSize = 3;
        fakeDots.Color = Colors.OrangeRed.WithAlpha(0.75);
        fakeDots.LegendText = "generated";

        var note = "";
        if (s.Gradient is { } gradient)
        {
            var g = TensorCodec.ToArray(gradient);
            var scale = ArrowScale(s);
            var step = Math.Max(1, fake.X.Length / MaxArrows);
            for (var i = 0; i < fake.X.Length; i += step)
            {
                var (gx, gy) = (g[2 * i], g[(2 * i) + 1]);
                if (!float.IsFinite(gx) || !float.IsFinite(gy) || (gx == 0 && gy == 0))
                {
                    continue;
                }

                var arrow = plot.Add.Arrow(new Coordinates(fake.X[i], fake.Y[i]), new Coordinates(fake.X[i] - (scale * gx), fake.Y[i] - (scale * gy)));
                arrow.ArrowFillColor = Colors.White;
                arrow.ArrowLineColor = Colors.Black.WithAlpha(0.8);
                arrow.ArrowLineWidth = 0.5f;
                arrow.ArrowWidth = 1;
                arrow.ArrowheadWidth = 5;
                arrow.ArrowheadLength = 5;
            }

            note = string.Create(CultureInfo.InvariantCulture, $"arrows: -dJ_G/dx (every {step}th sample) x {scale:G3}; median |dJ_G/dx| {Median(Norms(s)):G3}");
        }
        else if (s.ValuesAbsent is { } why)
        {
            note = $"no field: {why}";
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"round {s.Round}: {s.ModesCovered}/{s.ModeShares.Length} modes, {s.HighQualityFraction:P1} high quality"));
        plot.XLabel(note);
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.SquareUnits();
        plot.Axes.SetLimits(-extent, extent, -extent, extent);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot Manifold(FieldSnapshot s)
    {
        var plot = new Plot();
        var real = Points(s.Real);
        var dots = plot.Add.ScatterPoints(real.X, real.Y);
        dots.MarkerSize = 2;
        dots.Color = Colors.Gray.WithAlpha(0.4);
        if (s.Manifold is { } manifold)
        {
            var lines = manifold.Shape[0];
            var p = TensorCodec.ToArray(manifold);
            double X(int i, int j) => p[(((i * lines) + j) * 2) + 0];
            double Y(int i, int j) => p[(((i * lines) + j) * 2) + 1];
            for (var i = 0; i < lines; i++)
            {
                var row = plot.Add.ScatterLine(Enumerable.Range(0, lines).Select(j => X(i, j)).ToArray(), Enumerable.Range(0, lines).Select(j => Y(i, j)).ToArray());
                row.Color = Colors.SteelBlue;
                row.MarkerSize = 0;
                var column = plot.Add.ScatterLine(Enumerable.Range(0, lines).Select(j => X(j, i)).ToArray(), Enumerable.Range(0, lines).Select(j => Y(j, i)).ToArray());
                column.Color = Colors.DarkOrange;
                column.MarkerSize = 0;
            }

            if (s.ManifoldClass is { } y)
            {
                // A conditional generator has one manifold per class: say which one this is, and ring its mode.
                var modes = TensorCodec.ToArray(s.Modes);
                var mode = plot.Add.Marker(modes[2 * y], modes[(2 * y) + 1]);
                mode.Shape = MarkerShape.OpenCircle;
                mode.Size = 18;
                mode.LineWidth = 2;
                mode.Color = Colors.Black;
                Title(plot, string.Create(CultureInfo.InvariantCulture,
                    $"manifold of class {y} (ringed mode at ({modes[2 * y]:F2}, {modes[(2 * y) + 1]:F2})): G(z, y = {y}), {lines}x{lines} grid, |z1|, |z2| <= {s.LatentRange:G3}"));
            }
            else
            {
                Title(plot, string.Create(CultureInfo.InvariantCulture, $"manifold: G(z), {lines}x{lines} grid, |z1|, |z2| <= {s.LatentRange:G3}"));
            }
        }
        else
        {
            Title(plot, "manifold: not recorded");
        }

        plot.Axes.SquareUnits();
        plot.Axes.SetLimits(-s.Extent, s.Extent, -s.Extent, s.Extent);
        return plot;
    }

    private static Plot ModeBars(FieldSnapshot s)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(s.ModeShares.Select(v => 100 * v).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.FillColor = Colors.SeaGreen;
        }

        var even = 100.0 * s.HighQualityFraction / Math.Max(1, s.ModeShares.Length);
        var line = plot.Add.HorizontalLine(even);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Black.WithAlpha(0.6);
        Title(plot, "high-quality share per mode, % (dashed: even)");
        plot.XLabel("mode");
        plot.Axes.SetLimitsY(0, Math.Max(5, s.ModeShares.DefaultIfEmpty(0).Max() * 110));
        return plot;
    }

    private static void Title(Plot plot, string text)
    {
        plot.Title(text);
        plot.Axes.Title.Label.FontSize = 13;
    }

    private static double[] Norms(FieldSnapshot s)
    {
        if (s.Gradient is null)
        {
            return [];
        }

        var g = TensorCodec.ToArray(s.Gradient);
        return Enumerable.Range(0, g.Length / 2).Select(i => Math.Sqrt((g[2 * i] * (double)g[2 * i]) + (g[(2 * i) + 1] * (double)g[(2 * i) + 1])))
            .Where(double.IsFinite).ToArray();
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static (double[] X, double[] Y) Points(Abstractions.Messages.TensorBytes points)
    {
        var values = TensorCodec.ToArray(points);
        var count = values.Length / 2;
        return (Enumerable.Range(0, count).Select(i => (double)values[2 * i]).ToArray(), Enumerable.Range(0, count).Select(i => (double)values[(2 * i) + 1]).ToArray());
    }
}
