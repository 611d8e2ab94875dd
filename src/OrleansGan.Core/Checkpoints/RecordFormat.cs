using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// Round, evaluation and diagnosis records as bytes in the logs: compact JSON, one document per record. Doubles are written in
/// their shortest round-trip form, so a record read back is the record written, bit for bit; infinities and NaN (a
/// saturated score, a diverged round) are written as named literals rather than refused. Tensor payloads (an
/// evaluation's sample) are bytes, hence base64, never JSON floats.
/// </summary>
public static class RecordFormat
{
    /// <summary>The serializer options of records (the spec's naming, named floating-point literals).</summary>
    public static readonly JsonSerializerOptions Options = new(GameSpecLoader.JsonOptions)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>The record as bytes.</summary>
    public static byte[] Write<T>(T record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    /// <summary>A record from its bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a record of this kind.</exception>
    public static T Read<T>(ReadOnlySpan<byte> bytes, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new InvalidDataException($"{source}: an empty record");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: a record is malformed: {e.Message}", e);
        }
    }
}
