using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGan.Abstractions.Game;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.BadInput;

/// <summary>
/// A checkpoint file may be damaged, truncated, empty, another file altogether, or well-formed on the outside with
/// nonsense inside (its checksum only proves it was not changed after writing): every case is an
/// <see cref="InvalidDataException"/> that names the file and says what is wrong, never another exception and never
/// an allocation the file's own numbers ask for.
/// </summary>
public class CheckpointBadInputTests
{
    private const string Source = "/runs/x/checkpoints/g/checkpoint.bin";
    private static readonly byte[] Intact = GameCheckpointFormat.Write(new GameCheckpoint(GameSpecLoader.Load(null), 0, 1.5, 0, [1, 2, 3], [4, 5]));

    public static TheoryData<string, byte[], string> DamagedFiles()
    {
        var flipped = (byte[])Intact.Clone();
        flipped[Intact.Length / 2] ^= 0x40;
        return new()
        {
            { "empty", [], "not an OrleansGan checkpoint" },
            { "three bytes", [1, 2, 3], "not an OrleansGan checkpoint" },
            { "a text file", Encoding.UTF8.GetBytes("rounds: 5\nbatchSize: 64\nhello there, this is no checkpoint\n"), "not an OrleansGan checkpoint" },
            { "a PNG", [0x89, (byte)'P', (byte)'N', (byte)'G', .. new byte[64]], "not an OrleansGan checkpoint" },
            { "one bit flipped", flipped, "damaged or truncated (its checksum does not match)" },
            { "truncated", Intact[..(Intact.Length - 100)], "damaged or truncated" },
            { "the magic alone", Intact[..4], "not an OrleansGan checkpoint" },
            { "doubled", [.. Intact, .. Intact], "damaged or truncated" },
        };
    }

    public static TheoryData<string, byte[], string> WellSealedNonsense() => new()
    {
        { "another version", Sealed(w => w.Write(99)), "checkpoint version 99 is not supported" },
        { "no spec block", Sealed(w => w.Write(1)), "malformed" },
        { "a block longer than the file", Sealed(w => { w.Write(1); w.Write(int.MaxValue); }), "a block claims 2147483647 bytes" },
        { "a negative block", Sealed(w => { w.Write(1); w.Write(-5); }), "a block claims -5 bytes" },
        { "a spec that is null", Sealed(w => { w.Write(1); Block(w, "null"); }), "the spec is null" },
        { "a spec that is not json", Sealed(w => { w.Write(1); Block(w, "{{{"); }), "malformed" },
        { "a spec of the wrong shape", Sealed(w => { w.Write(1); Block(w, "[1, 2]"); }), "malformed" },
        { "bytes after the last block", Reseal([.. Intact[..^32], 7, 7, 7]), "3 bytes follow the last block" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    [MemberData(nameof(WellSealedNonsense))]
    public void A_damaged_or_foreign_file_or_one_with_a_good_checksum_and_bad_content_is_refused_naming_it(string why, byte[] bytes, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => GameCheckpointFormat.Read(bytes, Source));
        Assert.True(error.Message.StartsWith(Source + ": ", StringComparison.Ordinal), $"{why}: {error.Message}");
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Fact]
    public void A_round_outside_the_spec_is_refused()
    {
        foreach (var round in new[] { -1, 5001 })
        {
            var bytes = GameCheckpointFormat.Write(new GameCheckpoint(GameSpecLoader.Load(null), round, 1.5, 0, [1], [2]));
            Assert.Contains($"round {round} does not fit the spec's 5000 rounds", Assert.Throws<InvalidDataException>(() => GameCheckpointFormat.Read(bytes, Source)).Message);
        }
    }

    [Fact]
    public void A_negative_evaluation_count_is_refused()
    {
        var bytes = GameCheckpointFormat.Write(new GameCheckpoint(GameSpecLoader.Load(null), 3, 1.5, -2, [1], [2]));
        Assert.Contains("-2 evaluations is not a count", Assert.Throws<InvalidDataException>(() => GameCheckpointFormat.Read(bytes, Source)).Message);
    }

    [Fact]
    public void A_version_1_checkpoint_with_more_round_records_than_its_round_is_refused()
    {
        // Version 1: spec, round, elapsed, rounds and evaluations as JSON, then the two player blobs.
        var bytes = Sealed(w =>
        {
            w.Write(1);
            Block(w, GameSpecLoader.ToJson(GameSpecLoader.Load(null)));
            w.Write(1);
            w.Write(1.5);
            var record = new RoundRecord(1, 0.7, 0.7, 0.5, 0.5, 1, 1);
            Block(w, JsonSerializer.Serialize(new[] { record, record with { Round = 2 } }, RecordFormat.Options));
            Block(w, "[]");
            Block(w, "g");
            Block(w, "d");
        });
        var message = Assert.Throws<InvalidDataException>(() => GameCheckpointFormat.Read(bytes, Source)).Message;
        Assert.True(message.Contains("round 1 does not fit its 2 round records", StringComparison.Ordinal), message);
    }

    [Fact]
    public void An_intact_checkpoint_still_reads()
    {
        var read = GameCheckpointFormat.Read(Intact, Source);
        Assert.Equal([1, 2, 3], read.Generator);
        Assert.Equal([4, 5], read.Discriminator);
    }

    private static void Block(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    // "OGCK", then what `write` writes, then a correct SHA-256 of it all.
    private static byte[] Sealed(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("OGCK"u8.ToArray());
            write(writer);
        }

        return Reseal(buffer.ToArray());
    }

    private static byte[] Reseal(byte[] content) => [.. content, .. SHA256.HashData(content)];
}
