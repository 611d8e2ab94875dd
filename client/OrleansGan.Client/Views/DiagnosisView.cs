using System.Globalization;
using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Client.Hosting;
using OrleansGan.Client.Runs;
using Spectre.Console;

namespace OrleansGan.Client.Views;

/// <summary>
/// Shows a diagnosis while it runs (one line per stage: products, steps or points done) and its result as a table: the
/// verdict with its evidence, then the eigenvalues found with their residuals and the duality gap.
/// </summary>
internal static class DiagnosisView
{
    /// <summary>Shows <paramref name="observer"/>'s stages until <paramref name="diagnosis"/> ends.</summary>
    public static async Task<Diagnosis> FollowAsync(IAnsiConsole console, DiagnosisProgressObserver observer, Task<Diagnosis> diagnosis, string title)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var reported = new Dictionary<string, bool>();
            while (!diagnosis.IsCompleted)
            {
                await Task.WhenAny(diagnosis, Task.Delay(TimeSpan.FromSeconds(1)));
                foreach (var stage in observer.Stages)
                {
                    var finished = stage.Total > 0 && stage.Done >= stage.Total;
                    if (!reported.TryGetValue(stage.Stage, out var was) || (finished && !was))
                    {
                        console.WriteLine($"{title}: {stage.Stage}{(finished ? $" done ({stage.Done})" : "")}");
                        reported[stage.Stage] = finished;
                    }
                }
            }

            return await diagnosis;
        }

        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                while (true)
                {
                    foreach (var stage in observer.Stages)
                    {
                        if (!tasks.TryGetValue(stage.Stage, out var task))
                        {
                            task = context.AddTask(Markup.Escape(stage.Stage), maxValue: Math.Max(1, stage.Total));
                            tasks[stage.Stage] = task;
                        }

                        var unit = stage.Stage.StartsWith("duality", StringComparison.Ordinal) ? "steps"
                            : stage.Stage.StartsWith("path", StringComparison.Ordinal) ? "points" : stage.Total > 0 ? "" : "products";
                        task.Description = Markup.Escape($"{title}: {stage.Stage} {stage.Done}{(stage.Total > 0 ? $"/{stage.Total}" : "")} {unit}".TrimEnd());
                        task.MaxValue = Math.Max(1, stage.Total > 0 ? stage.Total : Math.Max(stage.Done, 1));
                        task.Value = stage.Total > 0 ? stage.Done : task.MaxValue * 0.5;
                        if (stage.Total > 0 && stage.Done >= stage.Total)
                        {
                            task.Value = task.MaxValue;
                            task.StopTask();
                        }
                    }

                    if (diagnosis.IsCompleted)
                    {
                        foreach (var task in tasks.Values)
                        {
                            task.Value = task.MaxValue;
                            task.StopTask();
                        }

                        return;
                    }

                    await Task.WhenAny(diagnosis, Task.Delay(TimeSpan.FromMilliseconds(200)));
                }
            });
        return await diagnosis;
    }

    /// <summary>The verdict and the spectra as tables.</summary>
    public static void Write(IAnsiConsole console, Diagnosis d, string folder)
    {
        console.MarkupLineInterpolated($"[bold]round {d.Round}: {d.Verdict.Classification}[/]");
        var verdict = new Table().AddColumns("property", "answer", "evidence");
        foreach (var (name, finding) in DiagnosisFiles.Findings(d.Verdict))
        {
            var color = finding.Answer switch
            {
                Answer.Yes => "green",
                Answer.No => "red",
                _ => "yellow",
            };
            verdict.AddRow(new Text(name), new Markup($"[{color}]{finding.Answer.ToString().ToLowerInvariant()}[/]"), new Text(finding.Evidence));
        }

        console.Write(verdict);
        var spectra = new Table().AddColumns("operator", "end", "eigenvalues (residual)", "products");
        foreach (var s in d.Spectra)
        {
            spectra.AddRow(new Text(s.Operator.ToString()), new Text(s.Selection.ToString()),
                new Text(string.Join("  ", s.Eigenvalues.Select(DiagnosisFiles.Describe))), new Text(s.Products.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(spectra);
        foreach (var (name, gap) in new[] { ("duality gap", d.DualityGap), ("perturbed duality gap", d.PerturbedDualityGap) })
        {
            if (gap is not null)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {gap.Gap:G4} = V(theta, psi') {gap.WorstDiscriminatorValue:G4} - V(theta', psi) {gap.WorstGeneratorValue:G4} (V = {gap.Value:G4})"));
            }
        }

        console.MarkupLineInterpolated($"[grey]{d.GeneratorParameters + d.DiscriminatorParameters} parameters, {d.Seconds:F1} s; files in {folder}[/]");
    }
}
