using System.CommandLine;
using System.Globalization;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Theory;

namespace OrleansGan.Client.Commands;

/// <summary>
/// The flags for the common fields of a game spec. Each becomes an override of one spec field, applied after the
/// spec file, so every value is checked by the same validation with the same field names.
/// </summary>
internal sealed class SpecFlags
{
    private readonly List<(Option Option, string[] Fields)> _fields = [];

    public SpecFlags()
    {
        Spec = new Option<FileInfo?>("--spec") { Description = "A YAML or JSON game spec (fields not given keep the defaults)." };
        Protocol = new Option<string?>("--protocol") { Description = "simultaneous, alternating(kD,kG), two-time-scale, optimistic, extragradient, unrolled(k), unrolled-stop-gradient(k) or consensus(gamma)." };
        Game = new Option<string?>("--game") { Description = "A game with a known answer as the starting point: bilinear, bilinear-xy, dirac-non-saturating, dirac-minimax, dirac-maximum-likelihood (SGD, lr 0.1, from theta = psi = 0.5, 1000 rounds; other flags override)." };
        Set = new Option<string[]>("--set") { Description = "Any spec field, as path=value (e.g. evaluation.samples=5000). Repeatable.", AllowMultipleArgumentsPerToken = false };
        AddText("--name", "Name of the game and prefix of its run folder.", "name");
        AddText("--data", "ring8, grid25, dirac or mnist (with --set data.path=FOLDER for IDX files).", "data.kind");
        AddText("--loss", "minimax, non-saturating, maximum-likelihood, wasserstein, least-squares, hinge or energy-based (with --d-network autoencoder and --margin).", "loss");
        AddNumber<int>("--d-steps", "Discriminator steps per round (alternating).", "protocol.discriminatorSteps");
        AddNumber<int>("--g-steps", "Generator steps per round (alternating).", "protocol.generatorSteps");
        AddNumber<int>("--unroll", "Discriminator steps the generator looks ahead (unrolled).", "protocol.unrollSteps");
        AddNumber<double>("--consensus-weight", "gamma, the weight of grad(1/2 |v|^2) (consensus).", "protocol.consensusWeight");
        AddNumber<double>("--lr-g", "Generator learning rate.", "generator.optimizer.learningRate");
        AddNumber<double>("--lr-d", "Discriminator learning rate.", "discriminator.optimizer.learningRate");
        AddText("--optimizer", "adam, sgd or rmsprop, for both players.", "generator.optimizer.kind", "discriminator.optimizer.kind");
        AddNumber<int>("--batch", "Minibatch size.", "batchSize");
        AddNumber<int>("--rounds", "Rounds to play.", "rounds");
        AddNumber<ulong>("--seed", "Seed of every random stream of the game.", "seed");
        AddNumber<int>("--latent", "Generator latent size.", "generator.latentSize");
        AddWidths("--g-hidden", "Generator hidden widths, e.g. 128,128,128.", "generator.hidden");
        AddWidths("--d-hidden", "Discriminator hidden widths, e.g. 128,128,128.", "discriminator.hidden");
        AddText("--device", "Device of both players: cpu, cuda or cuda:N.", "generator.device", "discriminator.device");
        AddText("--g-device", "Device of the generator.", "generator.device");
        AddText("--d-device", "Device of the discriminator.", "discriminator.device");
        AddNumber<double>("--real-label", "One-sided label smoothing: the real samples' target, e.g. 0.9 (1 is off).", "stabilizers.realLabel");
        AddText("--d-network", "Discriminator network: mlp, linear or autoencoder (EBGAN's, whose output is an energy).", "discriminator.network");
        AddNumber<double>("--margin", "The energy-based loss's margin m (EBGAN).", "discriminator.margin");
        AddNumber<double>("--pull-away", "Weight of EBGAN-PT's pulling-away term in J_G, e.g. 0.1 (0 is off).", "stabilizers.pullAway");
        AddNumber<double>("--instance-noise", "Std of the Gaussian instance noise on every input of the discriminator (0 is off).", "stabilizers.instanceNoise.sigma0");
        AddNumber<int>("--noise-anneal", "Rounds over which the instance noise's std falls linearly to 0 (0 keeps it constant).", "stabilizers.instanceNoise.annealRounds");
        AddText("--class-labels", "Use the data's classes: none, conditional (G(z, y), D(x, y)) or auxiliary-classes (an (n+1)-class D).", "stabilizers.classLabels");
        AddNumber<double>("--weight-clip", "WGAN's weight clipping: the discriminator's parameters are clamped to [-c, c] after every step, e.g. 0.01.", "discriminator.weightClip");
        AddNumber<double>("--gradient-penalty", "WGAN-GP's lambda, the weight of E(|grad D(xhat)| - 1)^2 in J_D, e.g. 10 (0 is off).", "stabilizers.gradientPenalty");
        AddNumber<double>("--r1", "R1's gamma: J_D gains gamma/2 E|grad D(x)|^2 on real samples, e.g. 10 (0 is off).", "stabilizers.r1");
        AddNumber<int>("--eval-every", "Evaluate every this many rounds.", "evaluation.every");
        AddNumber<int>("--eval-samples", "Generated samples per evaluation.", "evaluation.samples");
        AddNumber<int>("--field-every", "2-D data: record the field (D's heatmap, the gradient message, the manifold) with every this many evaluations and the last (1, the default: each; 0: never).", "evaluation.fieldEvery");
        AddText("--eval-rule", "When a mode counts as covered: min-samples (this project's, evaluation.minSamplesPerMode high-quality samples) or veegan-pacgan (one, strictly within evaluation.qualityStds).", "evaluation.rule");
        AddNumber<int>("--data-size", "Train on a fixed dataset of this many samples drawn once from the seed, in shuffled passes (PacGAN: 100000).", "data.size");
    }

    public Option<FileInfo?> Spec { get; }

    public Option<string?> Protocol { get; }

    public Option<string?> Game { get; }

    public Option<string[]> Set { get; }

    /// <summary>Every option, for adding to a command.</summary>
    public IEnumerable<Option> All => new Option[] { Spec, Game, Protocol, Set }.Concat(_fields.Select(f => f.Option));

    /// <summary>The overrides the parsed flags ask for, in a fixed order: named flags, then --set in the order given.</summary>
    /// <exception cref="ArgumentException">A flag's value cannot be an override; the message names the flag.</exception>
    public List<KeyValuePair<string, string>> Overrides(ParseResult parse)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        if (parse.GetValue(Game) is { } game)
        {
            var known = KnownGame.All.FirstOrDefault(g => g.Name == game)
                ?? throw new ArgumentException($"--game: unknown game '{game}' (expected one of: {string.Join(", ", KnownGame.All.Select(g => g.Name))})");
            overrides.AddRange(known.Overrides(learningRate: 0.1, start: 0.5, rounds: 1000));
        }

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
            else if (option.ValueType == typeof(string))
            {
                // A text flag means its text: quoted, "--name '[x]'" is a name, not a list, and "--loss 3" the word 3.
                value = $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
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

    // "alternating(5,1)", "unrolled(5)", "unrolled-stop-gradient(5)", "consensus(0.5)": the protocol with its parameters.
    internal static IEnumerable<KeyValuePair<string, string>> ProtocolOverrides(string protocol) => ProtocolShorthand.Overrides(protocol, "--protocol");

    private void AddNumber<T>(string name, string description, params string[] fields)
        where T : struct, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T> =>
        _fields.Add((FlagParsers.Number<T>(name, Sets(description, fields)), fields));

    private void AddWidths(string name, string description, params string[] fields) =>
        _fields.Add((FlagParsers.Widths(name, Sets(description, fields)), fields));

    private void AddText(string name, string description, params string[] fields) =>
        _fields.Add((new Option<string>(name) { Description = Sets(description, fields) }, fields));

    private static string Sets(string description, string[] fields) => description + $" (sets {string.Join(", ", fields)})";
}
