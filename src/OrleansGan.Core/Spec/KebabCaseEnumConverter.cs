using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGan.Core.Spec;

/// <summary>Reads and writes enums as kebab-case names ("non-saturating"), refusing anything else with the list of choices.</summary>
internal sealed class KebabCaseEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The spec name of an enum value.</summary>
    public static string NameOf<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(NameOf, v => v, StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is not null && ByName.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
            {
                return value;
            }

            var shown = text ?? reader.TokenType.ToString().ToLowerInvariant();
            throw new JsonException($"'{shown}' is not one of: {string.Join(", ", ByName.Keys)}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(NameOf(value));
    }
}
