using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Checkpoints;
using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Checkpoints;

/// <summary>
/// A checkpoint holds only what a restart needs, so its size does not depend on how long the game has run; a
/// version-1 checkpoint (which held every record) is still read, records and all; anything else is refused by name.
/// </summary>
public class CheckpointFormatTests
{
    private static readonly byte[] Generator = [1, 2, 3], Discriminator = [4, 5];

    [Fact]
    public void A_checkpoint_keeps_its_cursors_and_player_states_and_does_not_grow_with_the_rounds()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["rounds"] = "200000" });
        var early = GameCheckpointFormat.Write(new GameCheckpoint(spec, 10_000, 12.5, 21, Generator, Discriminator) { Diagnoses = 20 });
        var late = GameCheckpointFormat.Write(new GameCheckpoint(spec, 200_000, 250.25, 401, Generator, Discriminator) { Diagnoses = 400 });

        Assert.Equal(early.Length, late.Length);
        var read = GameCheckpointFormat.Read(late, "late");
        Assert.Equal((200_000, 250.25, 401, (int?)400), (read.Round, read.ElapsedSeconds, read.Evaluations, read.Diagnoses));
        Assert.Equal(Generator, read.Generator);
        Assert.Equal(Discriminator, read.Discriminator);
        Assert.Null(read.Records);
        Assert.Equal(GameSpecLoader.ToJson(spec), GameSpecLoader.ToJson(read.Spec));
    }

    [Fact]
    public void A_version_1_checkpoint_is_read_with_the_records_it_held()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["seed"] = "4" });
        RoundRecord[] rounds = [new(1, 1.25, 0.5, 0.6, 0.4, 2, 3), new(2, 1.5, double.PositiveInfinity, 0.7, 0.3, 2.5, 3.5)];
        EvaluationRecord[] evaluations = [new(0, 1, 8, 0.1, 0.5, 0.5, new TensorBytes([0, 0, 128, 63], [1, 1]))];

        var read = GameCheckpointFormat.Read(VersionOne(spec, 2, 3.5, rounds, evaluations), "old");

        Assert.Equal((2, 3.5, 1), (read.Round, read.ElapsedSeconds, read.Evaluations));
        Assert.Equal(rounds, read.Records!.Rounds);
        Assert.Equal(evaluations[0].Samples.Data, read.Records.Evaluations[0].Samples.Data);
        Assert.Equal(Generator, read.Generator);
        Assert.Equal(Discriminator, read.Discriminator);
    }

    [Fact]
    public void A_checkpoint_of_an_unknown_version_is_refused_saying_which_versions_are_read()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>());
        var bytes = GameCheckpointFormat.Write(new GameCheckpoint(spec, 1, 0, 0, Generator, Discriminator));
        var content = bytes[..^32];
        BitConverter.GetBytes(7).CopyTo(content, 4);

        var error = Assert.Throws<InvalidDataException>(() => GameCheckpointFormat.Read([.. content, .. SHA256.HashData(content)], "future"));

        Assert.Contains("version 7 is not supported", error.Message);
        Assert.Contains("reads versions 1 to 3", error.Message);
    }

    [Fact]
    public void A_version_2_checkpoint_is_read_without_a_diagnosis_cursor()
    {
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string> { ["seed"] = "4" });
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("OGCK"u8.ToArray());
            writer.Write(2);
            var json = Encoding.UTF8.GetBytes(GameSpecLoader.ToJson(spec));
            writer.Write(json.Length);
            writer.Write(json);
            writer.Write(30);
            writer.Write(1.5);
            writer.Write(4);
            foreach (var block in new[] { Generator, Discriminator })
            {
                writer.Write(block.Length);
                writer.Write(block);
            }
        }

        var content = buffer.ToArray();
        var read = GameCheckpointFormat.Read([.. content, .. SHA256.HashData(content)], "v2");

        Assert.Equal((30, 1.5, 4, (int?)null), (read.Round, read.ElapsedSeconds, read.Evaluations, read.Diagnoses));
        Assert.Equal(Discriminator, read.Discriminator);
    }

    // Version 1's layout, as OrleansGan wrote it before records had logs.
    private static byte[] VersionOne(Abstractions.Spec.GameSpec spec, int round, double elapsed, RoundRecord[] rounds, EvaluationRecord[] evaluations)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            void Block(byte[] block)
            {
                writer.Write(block.Length);
                writer.Write(block);
            }

            writer.Write("OGCK"u8.ToArray());
            writer.Write(1);
            Block(Encoding.UTF8.GetBytes(GameSpecLoader.ToJson(spec)));
            writer.Write(round);
            writer.Write(elapsed);
            Block(JsonSerializer.SerializeToUtf8Bytes(rounds, RecordFormat.Options));
            Block(JsonSerializer.SerializeToUtf8Bytes(evaluations, RecordFormat.Options));
            Block(Generator);
            Block(Discriminator);
        }

        var content = buffer.ToArray();
        return [.. content, .. SHA256.HashData(content)];
    }
}
