using System.Numerics;
using OrleansGan.Core.Theory;
using ScottPlot;

namespace OrleansGan.Client.Runs;

/// <summary>
/// Trajectories of a known game in the (theta, psi) plane, one panel per protocol, each over the game's vector field
/// -(dJ_G/dtheta, dJ_D/dpsi), the direction simultaneous gradient descent would move.
/// </summary>
internal static class PhasePortrait
{
    private const int PanelSize = 420;

    /// <param name="path">The PNG to write.</param>
    /// <param name="field">The vector field at a point.</param>
    /// <param name="panels">One trajectory per protocol, with its prediction.</param>
    /// <param name="extent">Half-width of the square shown around the equilibrium.</param>
    public static void Save(string path, Func<double, double, (double U, double V)> field,
        IReadOnlyList<(string Protocol, StabilityPrediction Prediction, IReadOnlyList<IReadOnlyList<double>> Trajectory)> panels, double extent)
    {
        var columns = Math.Min(3, panels.Count);
        var rows = (panels.Count + columns - 1) / columns;
        var multi = new Multiplot();
        multi.AddPlots(panels.Count);
        multi.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (var i = 0; i < panels.Count; i++)
        {
            var (protocol, prediction, trajectory) = panels[i];
            var plot = multi.GetPlot(i);
            AddField(plot, field, extent);
            var xs = trajectory.Select(p => p[0]).ToArray();
            var ys = trajectory.Select(p => p[1]).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LineWidth = 1.5f;
            line.Color = Colors.OrangeRed;
            var start = plot.Add.Marker(xs[0], ys[0]);
            start.Color = Colors.Black;
            var equilibrium = plot.Add.Marker(0, 0, MarkerShape.Cross, 12);
            equilibrium.Color = Colors.Blue;
            plot.Title($"{protocol}: {prediction.Verdict} ({prediction.SpectralRadius:F4})");
            plot.XLabel("theta (generator)");
            plot.YLabel("psi (discriminator)");
            plot.Axes.SetLimits(-extent, extent, -extent, extent);
        }

        multi.SavePng(path, columns * PanelSize, rows * PanelSize);
    }

    private static void AddField(Plot plot, Func<double, double, (double U, double V)> field, double extent)
    {
        const int Grid = 13;
        var arrows = new List<RootedCoordinateVector>();
        for (var i = 0; i < Grid; i++)
        {
            for (var j = 0; j < Grid; j++)
            {
                var x = -extent + (2 * extent * i / (Grid - 1));
                var y = -extent + (2 * extent * j / (Grid - 1));
                var (u, v) = field(x, y);
                arrows.Add(new RootedCoordinateVector(new Coordinates(x, y), new Vector2((float)u, (float)v)));
            }
        }

        var vectors = plot.Add.VectorField(arrows);
        vectors.Colormap = new ScottPlot.Colormaps.Grayscale();
    }
}
