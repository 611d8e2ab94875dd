using OrleansGan.Abstractions.Players;
using System.Text;
using OrleansGan.Core.Data;
using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// Everything a player needs to continue exactly where it stopped, as bytes: its weights and optimizer state in
/// TorchSharp's binary format, the state of its update rules (optimistic's previous gradient, extragradient's anchor)
/// and its random stream. Layout: "OGPS", version, role, the parameter shapes (checked before anything is loaded),
/// the network, the optimizer, the rule state, the random stream, and, for a discriminator that trains on a fixed
/// dataset, its place in the current pass (players without one write nothing there, so their states are unchanged).
/// </summary>
public static class PlayerStateFormat
{
    private const string Magic = "OGPS";
    private const int Version = 1;

    /// <summary>Writes the player's state.</summary>
    public static byte[] Save(PlayerRole role, PlayerNetwork network, PlayerOptimizer optimizer, Generator stream, RealMinibatches? data = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            writer.Write(role.Name());
            var parameters = network.parameters().ToList();
            writer.Write(parameters.Count);
            foreach (var p in parameters)
            {
                WriteShape(writer, p.shape);
            }

            network.save(writer);
            optimizer.Save(writer);
            using var state = stream.get_state();
            var bytes = state.bytes.ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
            if (data is { HasState: true })
            {
                writer.Write(DataSection);
                data.Write(writer);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Restores the player's state, after checking that it belongs to a player of this role and shape.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a state of this player, or are truncated; nothing was changed.</exception>
    public static void Restore(byte[] data, PlayerRole role, PlayerNetwork network, PlayerOptimizer optimizer, Generator stream, RealMinibatches? minibatches = null)
    {
        // A state damaged past its header would leave the player half-loaded: keep the current one to roll back to.
        var current = Save(role, network, optimizer, stream, minibatches);
        try
        {
            Load(data, role, network, optimizer, stream, minibatches);
        }
        catch (InvalidDataException)
        {
            Load(current, role, network, optimizer, stream, minibatches);
            throw;
        }
    }

    /// <summary>
    /// Loads only the weights (and network buffers) of a state into <paramref name="network"/>, leaving any optimizer and
    /// random stream alone: how a copy of a player starts from another's point with an optimizer of its own (the
    /// duality gap's worst-case players) or how a probe reads a point at another round.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a state of this player, or are truncated; nothing was changed.</exception>
    public static void RestoreWeights(byte[] data, PlayerRole role, PlayerNetwork network)
    {
        using var current = new MemoryStream();
        using (var writer = new BinaryWriter(current, Encoding.UTF8, leaveOpen: true))
        {
            network.save(writer);
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
            LoadWeights(reader, role, network);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException)
        {
            current.Position = 0;
            using var reader = new BinaryReader(current, Encoding.UTF8);
            network.load(reader);
            throw e as InvalidDataException ?? new InvalidDataException($"player state of the {role.Name()} is truncated or damaged: {e.Message}", e);
        }
    }

    private const string DataSection = "data";

    private static void Load(byte[] data, PlayerRole role, PlayerNetwork network, PlayerOptimizer optimizer, Generator stream, RealMinibatches? minibatches)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
            LoadWeights(reader, role, network);
            optimizer.Load(reader);
            var length = reader.ReadInt32();
            var bytes = reader.ReadBytes(length);
            if (bytes.Length != length)
            {
                throw new EndOfStreamException();
            }

            using var state = stream.get_state();
            if (state.NumberOfElements != length)
            {
                throw new InvalidDataException($"player state: random stream of {length} bytes, expected {state.NumberOfElements}");
            }

            state.bytes = bytes;
            stream.set_state(state);
            if (minibatches is { HasState: true })
            {
                if (reader.BaseStream.Position == reader.BaseStream.Length || reader.ReadString() != DataSection)
                {
                    throw new InvalidDataException($"player state: the {role} trains on a fixed dataset, but the state holds no place in it");
                }

                minibatches.Read(reader);
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"player state of the {role.Name()} is truncated", e);
        }
    }

    // The header, the parameter shapes (checked before anything is read into the network) and the network itself.
    private static void LoadWeights(BinaryReader reader, PlayerRole role, PlayerNetwork network)
    {
        if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != Magic)
        {
            throw new InvalidDataException("player state: not an OrleansGan player state");
        }

        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"player state: version {version} is not supported (expected {Version})");
        }

        var savedRole = reader.ReadString();
        if (savedRole != role.Name())
        {
            throw new InvalidDataException($"player state: saved by a {savedRole}, cannot restore a {role.Name()}");
        }

        var parameters = network.parameters().ToList();
        var count = reader.ReadInt32();
        if (count != parameters.Count)
        {
            throw new InvalidDataException($"player state: {count} parameters saved, the {role.Name()} has {parameters.Count}");
        }

        for (var i = 0; i < count; i++)
        {
            var shape = ReadShape(reader);
            if (!shape.SequenceEqual(parameters[i].shape))
            {
                throw new InvalidDataException(
                    $"player state: parameter {i} was saved as [{string.Join(",", shape)}], the {role.Name()} has [{string.Join(",", parameters[i].shape)}]");
            }
        }

        network.load(reader);
    }

    /// <summary>Writes a list of tensors (shape and float32 values).</summary>
    public static void WriteTensors(BinaryWriter writer, IReadOnlyList<Tensor>? tensors)
    {
        writer.Write(tensors is not null);
        if (tensors is null)
        {
            return;
        }

        writer.Write(tensors.Count);
        foreach (var t in tensors)
        {
            using var host = t.detach().cpu().to(ScalarType.Float32).contiguous();
            WriteShape(writer, host.shape);
            writer.Write(host.bytes);
        }
    }

    /// <summary>Reads what <see cref="WriteTensors"/> wrote, onto <paramref name="device"/> in <paramref name="dtype"/>.</summary>
    public static List<Tensor>? ReadTensors(BinaryReader reader, Device device, ScalarType dtype)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var count = reader.ReadInt32();
        var tensors = new List<Tensor>(count);
        for (var i = 0; i < count; i++)
        {
            var shape = ReadShape(reader);
            var host = empty(shape, ScalarType.Float32);
            var bytes = reader.ReadBytes(checked((int)(host.NumberOfElements * sizeof(float))));
            if (bytes.Length != host.NumberOfElements * sizeof(float))
            {
                throw new EndOfStreamException();
            }

            host.bytes = bytes;
            tensors.Add(host.to(dtype).to(device));
        }

        return tensors;
    }

    private static void WriteShape(BinaryWriter writer, long[] shape)
    {
        writer.Write(shape.Length);
        foreach (var d in shape)
        {
            writer.Write(d);
        }
    }

    private static long[] ReadShape(BinaryReader reader)
    {
        var rank = reader.ReadInt32();
        if (rank is < 0 or > 8)
        {
            throw new InvalidDataException($"player state: a tensor of rank {rank} is not plausible; the state is corrupt");
        }

        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = reader.ReadInt64();
            if (shape[i] is < 0 or > 1L << 31)
            {
                throw new InvalidDataException($"player state: dimension {shape[i]} is not plausible; the state is corrupt");
            }
        }

        return shape;
    }
}
