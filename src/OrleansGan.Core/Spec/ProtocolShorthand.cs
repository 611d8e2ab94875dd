using System.Text.RegularExpressions;

namespace OrleansGan.Core.Spec;

/// <summary>
/// A protocol written as the command line and sweep files take it ("alternating(5,1)", "unrolled(5)",
/// "consensus(0.5)", "extragradient"), as the spec fields it sets.
/// </summary>
public static partial class ProtocolShorthand
{
    /// <summary>The fields <paramref name="protocol"/> sets; errors name <paramref name="source"/> (a flag or a field).</summary>
    /// <exception cref="ArgumentException">The parentheses do not fit the protocol.</exception>
    public static IEnumerable<KeyValuePair<string, string>> Overrides(string protocol, string source)
    {
        var match = ProtocolWithArguments().Match(protocol.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!match.Success)
        {
            return [KeyValuePair.Create("protocol.kind", protocol)];
        }

        var kind = match.Groups["kind"].Value;
        var arguments = match.Groups["arguments"].Value.Split(',');
        string[] fields = kind switch
        {
            "alternating" => ["protocol.discriminatorSteps", "protocol.generatorSteps"],
            "unrolled" or "unrolled-stop-gradient" => ["protocol.unrollSteps"],
            "consensus" => ["protocol.consensusWeight"],
            _ => throw new ArgumentException($"{source}: '{kind}' takes no arguments in parentheses (alternating(kD,kG), unrolled(k), unrolled-stop-gradient(k) and consensus(gamma) do)"),
        };
        if (arguments.Length != fields.Length)
        {
            throw new ArgumentException($"{source}: {kind} takes {fields.Length} argument(s) ({string.Join(", ", fields)}), got '{match.Groups["arguments"].Value}'");
        }

        return fields.Zip(arguments, KeyValuePair.Create).Prepend(KeyValuePair.Create("protocol.kind", kind));
    }

    [GeneratedRegex(@"^(?<kind>[a-z-]+)\((?<arguments>[^()]*)\)$")]
    private static partial Regex ProtocolWithArguments();
}
