using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Checkpoints;

/// <summary>
/// A checkpoint as bytes: "OGCK", version, the spec as JSON (no weights there), the round, evaluation and diagnosis
/// cursors, both player states as binary blobs, and a SHA-256 of everything before it, so a damaged or truncated file
/// is refused before anything is restored from it. Versions 2 and 3 hold no records (they are in the game's logs), so
/// their size does not grow with the game; version 3 adds the diagnosis log's cursor. Version 2 (no diagnosis cursor)
/// and version 1, which held every record as JSON, are still read, version 1 with its records.
/// </summary>
public static class GameCheckpointFormat
{
    private const string Magic = "OGCK";
    private const int Version = 3;
    private const int RecordsInside = 1;
    private const int NoDiagnosisCursor = 2;
    private const int HashSize = 32;

    /// <summary>The checkpoint as bytes.</summary>
    public static byte[] Write(GameCheckpoint checkpoint)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            WriteBlock(writer, Encoding.UTF8.GetBytes(GameSpecLoader.ToJson(checkpoint.Spec)));
            writer.Write(checkpoint.Round);
            writer.Write(checkpoint.ElapsedSeconds);
            writer.Write(checkpoint.Evaluations);
            writer.Write(checkpoint.Diagnoses ?? 0);
            WriteBlock(writer, checkpoint.Generator);
            WriteBlock(writer, checkpoint.Discriminator);
        }

        var content = buffer.ToArray();
        return [.. content, .. SHA256.HashData(content)];
    }

    /// <summary>Reads a checkpoint, checking its integrity first.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="source">Where they came from, for error messages.</param>
    /// <exception cref="InvalidDataException">The bytes are not an intact OrleansGan checkpoint; the message says how.</exception>
    public static GameCheckpoint Read(byte[] data, string source)
    {
        if (data.Length < Magic.Length + HashSize || Encoding.ASCII.GetString(data, 0, Magic.Length) != Magic)
        {
            throw new InvalidDataException($"{source}: not an OrleansGan checkpoint");
        }

        var content = data.AsSpan(0, data.Length - HashSize);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(data.AsSpan(data.Length - HashSize)))
        {
            throw new InvalidDataException($"{source}: the checkpoint is damaged or truncated (its checksum does not match)");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(content.ToArray()), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var version = reader.ReadInt32();
            if (version is not (Version or NoDiagnosisCursor or RecordsInside))
            {
                throw new InvalidDataException(
                    $"{source}: checkpoint version {version} is not supported (this version of OrleansGan reads versions {RecordsInside} to {Version})");
            }

            var spec = JsonSerializer.Deserialize<GameSpec>(ReadBlock(reader), GameSpecLoader.JsonOptions) ?? throw new JsonException("the spec is null");
            var round = reader.ReadInt32();
            var elapsed = reader.ReadDouble();
            GameCheckpoint checkpoint;
            if (version == RecordsInside)
            {
                var rounds = JsonSerializer.Deserialize<List<RoundRecord>>(ReadBlock(reader), RecordFormat.Options) ?? throw new JsonException("the rounds are null");
                var evaluations = JsonSerializer.Deserialize<List<EvaluationRecord>>(ReadBlock(reader), RecordFormat.Options) ?? throw new JsonException("the evaluations are null");
                if (rounds.Count > round)
                {
                    throw new JsonException($"round {round} does not fit its {rounds.Count} round records");
                }

                checkpoint = new GameCheckpoint(spec, round, elapsed, evaluations.Count, ReadBlock(reader), ReadBlock(reader))
                {
                    Records = new CheckpointedRecords(rounds, evaluations),
                };
            }
            else
            {
                var evaluationCount = reader.ReadInt32();
                int? diagnosisCount = version == NoDiagnosisCursor ? null : reader.ReadInt32();
                checkpoint = new GameCheckpoint(spec, round, elapsed, evaluationCount, ReadBlock(reader), ReadBlock(reader)) { Diagnoses = diagnosisCount };
                if (evaluationCount < 0)
                {
                    throw new JsonException($"{evaluationCount} evaluations is not a count");
                }

                if (diagnosisCount < 0)
                {
                    throw new JsonException($"{diagnosisCount} diagnoses is not a count");
                }
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new EndOfStreamException($"{reader.BaseStream.Length - reader.BaseStream.Position} bytes follow the last block");
            }

            if (round < 0 || round > spec.Rounds)
            {
                throw new JsonException($"round {round} does not fit the spec's {spec.Rounds} rounds");
            }

            return checkpoint;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{source}: the checkpoint's content is malformed: {e.Message}", e);
        }
    }

    /// <summary>The top-level spec fields where <paramref name="a"/> and <paramref name="b"/> differ.</summary>
    public static IReadOnlyList<string> Differences(GameSpec a, GameSpec b)
    {
        using var left = JsonDocument.Parse(GameSpecLoader.ToJson(a));
        using var right = JsonDocument.Parse(GameSpecLoader.ToJson(b));
        return left.RootElement.EnumerateObject()
            .Where(p => !JsonElement.DeepEquals(p.Value, right.RootElement.GetProperty(p.Name)))
            .Select(p => p.Name)
            .ToList();
    }

    private static void WriteBlock(BinaryWriter writer, byte[] block)
    {
        writer.Write(block.Length);
        writer.Write(block);
    }

    // The length is checked against what is left before anything is allocated for it.
    private static byte[] ReadBlock(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        return length >= 0 && length <= left ? reader.ReadBytes(length) : throw new EndOfStreamException($"a block claims {length} bytes where {left} are left");
    }
}
