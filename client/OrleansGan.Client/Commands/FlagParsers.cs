using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace OrleansGan.Client.Commands;

/// <summary>
/// Parsers for flag values that name the flag and what it expects ("--batch: 'lots' is not a whole number"), where
/// System.CommandLine would say "Cannot parse argument 'lots' for option '--batch' as expected type 'System.Int32'"
/// and accept NaN and infinity as numbers.
/// </summary>
internal static class FlagParsers
{
    /// <summary>A flag whose value is a number of type <typeparamref name="T"/>; floating-point values must be finite.</summary>
    public static Option<T> Number<T>(string name, string description)
        where T : struct, INumber<T>, IMinMaxValue<T> =>
        new(name) { Description = description, CustomParser = result => ParseNumber<T>(result, name, result.Tokens.Count > 0 ? result.Tokens[^1].Value : "") };

    /// <summary>A flag that takes one or more numbers, as separate words or separated by commas.</summary>
    public static Option<T[]> Numbers<T>(string name, string description, Func<ArgumentResult, T[]> defaults)
        where T : struct, INumber<T>, IMinMaxValue<T> =>
        new(name)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = defaults,
            CustomParser = result => result.Tokens
                .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(text => ParseNumber<T>(result, name, text)).ToArray(),
        };

    /// <summary>Layer widths such as "128,128": whole numbers of at least 1, separated by commas.</summary>
    public static Option<string> Widths(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                var parts = text.Split(',', StringSplitOptions.TrimEntries);
                if (text.Trim().Length == 0 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w < 1))
                {
                    result.AddError($"{name}: '{text}' is not a list of layer widths such as 128,128 (each a whole number of at least 1; for no hidden layer, --set ...hidden=[])");
                }

                return text;
            },
        };

    private static T ParseNumber<T>(ArgumentResult result, string name, string text)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        var integral = typeof(T) != typeof(double) && typeof(T) != typeof(float);
        var styles = integral ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && (integral || T.IsFinite(value)))
        {
            return value;
        }

        var what = integral ? "a whole number" : "a finite number";
        var range = integral && decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $" from {T.MinValue} to {T.MaxValue}")
            : "";
        result.AddError($"{name}: '{text}' is not {what}{range}");
        return default;
    }
}
