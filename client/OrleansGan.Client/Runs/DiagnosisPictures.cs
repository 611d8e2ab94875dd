using OrleansGan.Abstractions.Diagnostics;
using ScottPlot;

namespace OrleansGan.Client.Runs;

/// <summary>
/// The pictures of a diagnosis: J's eigenvalues in the complex plane (as The Numerics of GANs and Berard et al. draw
/// them), the eigenvalues found of H_G and H_D, the path-angle, and, over rounds, the duality gap and the extreme
/// eigenvalues.
/// </summary>
internal static class DiagnosisPictures
{
    /// <summary>Writes jacobian-eigenvalues.png, hessian-spectra.png and (when traced) path-angle.png into <paramref name="folder"/>.</summary>
    public static void Write(string folder, Diagnosis d)
    {
        Jacobian(Path.Combine(folder, "jacobian-eigenvalues.png"), d);
        Hessians(Path.Combine(folder, "hessian-spectra.png"), d);
        if (d.PathAngle is { } path)
        {
            PathAngle(Path.Combine(folder, "path-angle.png"), path);
        }
    }

    /// <summary>J's eigenvalues found at each end, in the complex plane.</summary>
    public static void Jacobian(string path, Diagnosis d)
    {
        var plot = new Plot();
        var marks = new[] { (EigenvalueSelection.LargestMagnitude, "largest |lambda|", Colors.SteelBlue), (EigenvalueSelection.SmallestReal, "smallest Re lambda", Colors.OrangeRed) };
        foreach (var (selection, label, color) in marks)
        {
            if (d.Spectrum(SpectralOperator.GameJacobian, selection) is { Eigenvalues.Count: > 0 } s)
            {
                var dots = plot.Add.ScatterPoints(s.Eigenvalues.Select(e => e.Real).ToArray(), s.Eigenvalues.Select(e => e.Imaginary).ToArray());
                dots.Color = color;
                dots.MarkerSize = 8;
                dots.LegendText = label;
            }
        }

        plot.Add.VerticalLine(0).Color = Colors.Gray;
        plot.Add.HorizontalLine(0).Color = Colors.Gray;
        plot.Title($"eigenvalues of the game Jacobian, round {d.Round}");
        plot.XLabel("Re lambda (stable: > 0)");
        plot.YLabel("Im lambda");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 700);
    }

    /// <summary>The largest and smallest eigenvalues found of H_G and of H_D, by rank.</summary>
    public static void Hessians(string path, Diagnosis d)
    {
        var multi = new Multiplot();
        multi.AddPlots(2);
        foreach (var (index, op, name) in new[] { (0, SpectralOperator.GeneratorHessian, "H_G (generator)"), (1, SpectralOperator.DiscriminatorHessian, "H_D (discriminator)") })
        {
            var plot = multi.GetPlot(index);
            foreach (var (selection, label, color) in new[] { (EigenvalueSelection.LargestReal, "largest", Colors.SteelBlue), (EigenvalueSelection.SmallestReal, "smallest", Colors.OrangeRed) })
            {
                if (d.Spectrum(op, selection) is { Eigenvalues.Count: > 0 } s)
                {
                    var values = s.Eigenvalues.Select(e => e.Real).ToArray();
                    var dots = plot.Add.ScatterPoints(Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray(), values);
                    dots.Color = color;
                    dots.MarkerSize = 8;
                    dots.LegendText = label;
                }
            }

            plot.Add.HorizontalLine(0).Color = Colors.Gray;
            plot.Title($"{name}: extreme eigenvalues, round {d.Round}");
            plot.XLabel("rank from the end");
            plot.YLabel("eigenvalue");
            plot.ShowLegend(Alignment.UpperRight);
        }

        multi.SavePng(path, 800, 900);
    }

    /// <summary>cos(v, w_start - w_end) and log10 |v|^2 along the path (Berard et al. 2020, figure 4).</summary>
    public static void PathAngle(string path, PathAngle angle)
    {
        var multi = new Multiplot();
        multi.AddPlots(2);
        var alpha = angle.Points.Select(p => p.Alpha).ToArray();
        var cosine = multi.GetPlot(0);
        cosine.Add.ScatterLine(alpha, angle.Points.Select(p => p.Cosine).ToArray()).LegendText = "cos(v, w_start - w_end)";
        cosine.Add.HorizontalLine(0).Color = Colors.Gray;
        cosine.Add.VerticalLine(0).Color = Colors.Gray;
        cosine.Add.VerticalLine(1).Color = Colors.Gray;
        cosine.Axes.SetLimitsY(-1.05, 1.05);
        cosine.Title($"path-angle: round {angle.StartRound} (alpha = 0) to round {angle.EndRound} (alpha = 1)");
        cosine.ShowLegend(Alignment.UpperRight);
        var norm = multi.GetPlot(1);
        norm.Add.ScatterLine(alpha, angle.Points.Select(p => Math.Log10(Math.Max(p.FieldSquaredNorm, 1e-300))).ToArray()).LegendText = "log10 |v|^2";
        norm.Add.VerticalLine(0).Color = Colors.Gray;
        norm.Add.VerticalLine(1).Color = Colors.Gray;
        norm.XLabel("alpha");
        norm.ShowLegend(Alignment.UpperRight);
        multi.SavePng(path, 800, 800);
    }

    /// <summary>The duality gaps and the extreme eigenvalues over the diagnosed rounds.</summary>
    public static void OverRounds(string path, IReadOnlyList<Diagnosis> series)
    {
        var ordered = series.OrderBy(d => d.Round).ToList();
        var rounds = ordered.Select(d => (double)d.Round).ToArray();
        var multi = new Multiplot();
        multi.AddPlots(2);
        var gaps = multi.GetPlot(0);
        if (ordered.Any(d => d.DualityGap is not null))
        {
            var plain = gaps.Add.ScatterLine(rounds, ordered.Select(d => d.DualityGap?.Gap ?? double.NaN).ToArray());
            plain.LegendText = "duality gap";
            plain.MarkerSize = 6;
        }

        if (ordered.Any(d => d.PerturbedDualityGap is not null))
        {
            var perturbed = gaps.Add.ScatterLine(rounds, ordered.Select(d => d.PerturbedDualityGap?.Gap ?? double.NaN).ToArray());
            perturbed.LegendText = "perturbed duality gap";
            perturbed.MarkerSize = 6;
        }

        gaps.Add.HorizontalLine(0).Color = Colors.Gray;
        gaps.Title("duality gap over rounds");
        gaps.ShowLegend(Alignment.UpperRight);

        var spectra = multi.GetPlot(1);
        foreach (var (op, selection, label, max) in new[]
        {
            (SpectralOperator.GameJacobian, EigenvalueSelection.SmallestReal, "J: smallest Re lambda", false),
            (SpectralOperator.GeneratorHessian, EigenvalueSelection.SmallestReal, "H_G: smallest", false),
            (SpectralOperator.DiscriminatorHessian, EigenvalueSelection.SmallestReal, "H_D: smallest", false),
            (SpectralOperator.GameJacobian, EigenvalueSelection.LargestMagnitude, "J: largest |lambda| / 10", true),
        })
        {
            var values = ordered.Select(d => d.Spectrum(op, selection) is { Eigenvalues.Count: > 0 } s
                ? (max ? s.Eigenvalues.Max(e => e.Magnitude) / 10 : s.Eigenvalues.Min(e => e.Real))
                : double.NaN).ToArray();
            var line = spectra.Add.ScatterLine(rounds, values);
            line.LegendText = label;
            line.MarkerSize = 6;
        }

        spectra.Add.HorizontalLine(0).Color = Colors.Gray;
        spectra.Title("extreme eigenvalues over rounds");
        spectra.XLabel("round");
        spectra.ShowLegend(Alignment.UpperRight);
        multi.SavePng(path, 800, 900);
    }
}
