using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansGan.Client.Commands;

/// <summary>
/// The flags for the common fields of a game spec. Each becomes an override of one spec field, applied after the
/// spec file, so every value is checked by the same validation with the same field names.
/// </summary>
internal sealed partial class SpecFlags
{
    private readonly List<(Option Option, string[] Fields)> _fields = [];

    public SpecFlags()
    {
        Spec = new Option<FileInfo?>("--spec") { Description = "A YAML or JSON game spec (fields not given keep the defaults)." };
        Protocol = new Option<string?>("--protocol") { Description = "simultaneous, alternating, or alternating(kD,kG)." };
        Set = new Option<string[]>("--set") { Description = "Any spec field, as path=value (e.g. evaluation.samples=5000). Repeatable.", AllowMultipleArgumentsPerToken = false };
        Add<string>("--name", "Name of the game and prefix of its run folder.", "name");
        Add<string>("--data", "ring8 or grid25.", "data.kind");
        Add<string>("--loss", "minimax, non-saturating or maximum-likelihood.", "loss");
        Add<int>("--d-steps", "Discriminator steps per round (alternating).", "protocol.discriminatorSteps");
        Add<int>("--g-steps", "Generator steps per round (alternating).", "protocol.generatorSteps");
        Add<double>("--lr-g", "Generator learning rate.", "generator.optimizer.learningRate");
        Add<double>("--lr-d", "Discriminator learning rate.", "discriminator.optimizer.learningRate");
        Add<string>("--optimizer", "adam or sgd, for both players.", "generator.optimizer.kind", "discriminator.optimizer.kind");
        Add<int>("--batch", "Minibatch size.", "batchSize");
        Add<int>("--rounds", "Rounds to play.", "rounds");
        Add<ulong>("--seed", "Seed of every random stream of the game.", "seed");
        Add<int>("--latent", "Generator latent size.", "generator.latentSize");
        Add<string>("--g-hidden", "Generator hidden widths, e.g. 128,128,128.", "generator.hidden");
        Add<string>("--d-hidden", "Discriminator hidden widths, e.g. 128,128,128.", "discriminator.hidden");
        Add<string>("--device", "Device of both players: cpu, cuda or cuda:N.", "generator.device", "discriminator.device");
        Add<string>("--g-device", "Device of the generator.", "generator.device");
        Add<string>("--d-device", "Device of the discriminator.", "discriminator.device");
        Add<int>("--eval-every", "Evaluate every this many rounds.", "evaluation.every");
        Add<int>("--eval-samples", "Generated samples per evaluation.", "evaluation.samples");
    }

    public Option<FileInfo?> Spec { get; }

    public Option<string?> Protocol { get; }

    public Option<string[]> Set { get; }

    /// <summary>Every option, for adding to a command.</summary>
    public IEnumerable<Option> All => new Option[] { Spec, Protocol, Set }.Concat(_fields.Select(f => f.Option));

    /// <summary>The overrides the parsed flags ask for, in a fixed order: named flags, then --set in the order given.</summary>
    /// <exception cref="ArgumentException">A flag's value cannot be an override; the message names the flag.</exception>
    public List<KeyValuePair<string, string>> Overrides(ParseResult parse)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        if (parse.GetValue(Protocol) is { } protocol)
        {
            overrides.AddRange(ProtocolOverrides(protocol));
        }

        foreach (var (option, fields) in _fields)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit)
            {
                continue;
            }

            var value = Convert.ToString(result.GetValueOrDefault<object>(), CultureInfo.InvariantCulture) ?? string.Empty;
            if (fields[0].EndsWith(".hidden", StringComparison.Ordinal))
            {
                value = $"[{value}]";
            }

            overrides.AddRange(fields.Select(field => KeyValuePair.Create(field, value)));
        }

        foreach (var assignment in parse.GetValue(Set) ?? [])
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException($"--set: '{assignment}' is not path=value (e.g. evaluation.samples=5000)");
            }

            overrides.Add(KeyValuePair.Create(assignment[..equals].Trim(), assignment[(equals + 1)..].Trim()));
        }

        return overrides;
    }

    private static IEnumerable<KeyValuePair<string, string>> ProtocolOverrides(string protocol)
    {
        var match = ProtocolWithSteps().Match(protocol.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!match.Success)
        {
            yield return KeyValuePair.Create("protocol.kind", protocol);
            yield break;
        }

        yield return KeyValuePair.Create("protocol.kind", match.Groups["kind"].Value);
        yield return KeyValuePair.Create("protocol.discriminatorSteps", match.Groups["kd"].Value);
        yield return KeyValuePair.Create("protocol.generatorSteps", match.Groups["kg"].Value);
    }

    private void Add<T>(string name, string description, params string[] fields) =>
        _fields.Add((new Option<T>(name) { Description = description + $" (sets {string.Join(", ", fields)})" }, fields));

    [GeneratedRegex(@"^(?<kind>[a-z-]+)\((?<kd>-?\d+),(?<kg>-?\d+)\)$")]
    private static partial Regex ProtocolWithSteps();
}
