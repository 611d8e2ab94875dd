namespace OrleansGan.Core.Spec;

/// <summary>A game spec that cannot be played; each problem names its field ("protocol.discriminatorSteps: ...").</summary>
public sealed class InvalidGameSpecException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public InvalidGameSpecException(IReadOnlyList<string> problems)
        : base("invalid game spec:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public InvalidGameSpecException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates the exception for one problem with its cause.</summary>
    public InvalidGameSpecException(string problem, Exception inner)
        : base("invalid game spec:" + Environment.NewLine + "  " + problem, inner)
    {
        Problems = [problem];
    }

    /// <summary>Each problem, prefixed by the field it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }
}
