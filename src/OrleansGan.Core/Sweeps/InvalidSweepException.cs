namespace OrleansGan.Core.Sweeps;

/// <summary>A sweep file that cannot be run; each problem names its field ("axes.loss: is empty").</summary>
public sealed class InvalidSweepException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public InvalidSweepException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : "invalid sweep:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public InvalidSweepException(string problem)
        : this([problem])
    {
    }

    /// <summary>Each problem, prefixed by the field (or game) it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }
}
