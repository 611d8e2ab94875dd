using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>
/// Where a command prints. Results (tables, summaries, <c>results: PATH</c>, progress) go to <see cref="Output"/>, so
/// <c>orleans-gan list &gt; games.tsv</c> or <c>status ... | cut</c> gets data only; what went wrong (errors, refusals,
/// failed games, what could not be done, the cancel line) goes to <see cref="Errors"/>, which a terminal still shows.
/// </summary>
/// <param name="Output">Standard output in the process.</param>
/// <param name="Errors">Standard error in the process.</param>
internal sealed record CommandConsoles(IAnsiConsole Output, IAnsiConsole Errors);
