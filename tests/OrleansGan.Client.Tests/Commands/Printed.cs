namespace OrleansGan.Client.Tests.Commands;

/// <summary>How a command ended and what it printed: its results on <paramref name="Output"/>, what went wrong on <paramref name="Errors"/>.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Errors">Its standard error.</param>
internal sealed record Printed(int ExitCode, string Output, string Errors)
{
    /// <summary>Both streams, for the message of a failed assertion.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- standard output:\n{Output}\n--- standard error:\n{Errors}";
}
