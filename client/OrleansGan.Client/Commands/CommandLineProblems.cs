using System.CommandLine;
using System.CommandLine.Parsing;

namespace OrleansGan.Client.Commands;

/// <summary>
/// What is wrong with a command line, most telling first, each naming the flag. System.CommandLine reports an
/// unknown flag's value before the flag ("'3' was not matched" for "--latnt 3") and accepts a flag repeated without
/// a value ("--latent 3 --latent"); here the unknown flag comes first with a suggestion, its value is not reported
/// again, and any flag that takes one value may be given once.
/// </summary>
internal static class CommandLineProblems
{
    public static List<string> Of(ParseResult parse, string[] args)
    {
        var problems = new List<string>();
        var command = parse.CommandResult.Command;
        var where = command is RootCommand ? "" : $"{command.Name}: ";
        var unmatched = parse.UnmatchedTokens;
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (token.StartsWith('-'))
            {
                problems.Add($"{where}unknown option '{token}'{Suggestion(token, command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))}");

                // "--latnt 3": the 3 was meant for the unknown flag.
                var at = Array.IndexOf(args, token);
                if (i + 1 < unmatched.Count && at >= 0 && at + 1 < args.Length && args[at + 1] == unmatched[i + 1] && !unmatched[i + 1].StartsWith('-'))
                {
                    i++;
                }
            }
            else if (command is RootCommand)
            {
                problems.Add($"unknown command '{token}'{Suggestion(token, command.Subcommands.Select(c => c.Name))} (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})");
            }
            else
            {
                problems.Add($"{where}unexpected argument '{token}'");
            }
        }

        foreach (var option in Options(parse.RootCommandResult).Where(o => o.IdentifierTokenCount > 1 && o.Option.Arity.MaximumNumberOfValues <= 1))
        {
            problems.Add($"{option.Option.Name}: given {option.IdentifierTokenCount} times; give it once");
        }

        foreach (var error in parse.Errors)
        {
            var problem = error.SymbolResult switch
            {
                CommandResult when unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) => null,
                CommandResult { Command: RootCommand } when unmatched.Count > 0 => null,
                CommandResult { Command: RootCommand root } => $"no command given (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))})",
                OptionResult { IdentifierTokenCount: > 1 } o when o.Option.Arity.MaximumNumberOfValues <= 1 => null,
                OptionResult { Implicit: true } o => $"{o.Option.Name}: is required ({Gist(o.Option.Description)})",
                OptionResult { Tokens.Count: 0 } o => $"{o.Option.Name}: needs a value ({Gist(o.Option.Description)})",
                ArgumentResult { Tokens.Count: 0, Parent: OptionResult o } => $"{o.Option.Name}: needs a value ({Gist(o.Option.Description)})",
                ArgumentResult { Tokens.Count: 0 } a => $"{where}needs <{a.Argument.Name}> ({Gist(a.Argument.Description)})",
                _ => error.Message,
            };
            if (problem is not null && !problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    // A flag's description up to its first full stop or "(sets ...)".
    private static string Gist(string? description) =>
        (description ?? "").Split(". ", 2)[0].Split(" (sets ", 2)[0].TrimEnd('.');

    private static IEnumerable<OptionResult> Options(SymbolResult result) => result switch
    {
        OptionResult option => [option],
        CommandResult command => command.Children.SelectMany(Options),
        _ => [],
    };

    // The closest known name, if it is close enough to be a slip of the keyboard.
    private static string Suggestion(string token, IEnumerable<string> names)
    {
        var best = names.Select(n => (Name: n, Distance: Distance(token, n))).OrderBy(c => c.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, token.Length / 3) ? $" (did you mean {best.Name}?)" : "";
    }

    // Levenshtein distance; System.CommandLine's own suggestions are printed only by its default error action.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
