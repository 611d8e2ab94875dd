using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tensors;

/// <summary>
/// The one place tensors become messages and messages become tensors. Messages are on the host, float32 for every move
/// of the game and float64 only where the diagnostics ask for it: a move refuses a float64 message.
/// </summary>
public static class TensorCodec
{
    /// <summary>Copies a float32 or float64 tensor (on any device) into a message of the same precision.</summary>
    public static TensorBytes ToMessage(Tensor tensor)
    {
        var precision = tensor.dtype switch
        {
            ScalarType.Float32 => TensorPrecision.Float32,
            ScalarType.Float64 => TensorPrecision.Float64,
            _ => throw new ArgumentException($"messages carry float32 or float64 tensors, got {tensor.dtype}", nameof(tensor)),
        };
        using var host = tensor.detach().cpu().contiguous();
        return new TensorBytes(host.bytes.ToArray(), host.shape.Select(d => checked((int)d)).ToArray(), precision);
    }

    /// <summary>Builds a fresh float32 tensor on <paramref name="device"/> from a message, checking that its bytes match its shape.</summary>
    /// <exception cref="ArgumentException">The message is malformed or not float32.</exception>
    public static Tensor ToTensor(TensorBytes message, Device device) => ToTensor(message, device, ScalarType.Float32);

    /// <summary>Builds a fresh tensor of <paramref name="dtype"/> on <paramref name="device"/>; the message must be of that precision.</summary>
    /// <exception cref="ArgumentException">The message is malformed or of another precision.</exception>
    public static Tensor ToTensor(TensorBytes message, Device device, ScalarType dtype)
    {
        Validate(message);
        var expected = dtype switch
        {
            ScalarType.Float32 => TensorPrecision.Float32,
            ScalarType.Float64 => TensorPrecision.Float64,
            _ => throw new ArgumentException($"messages carry float32 or float64 tensors, not {dtype}", nameof(dtype)),
        };
        if (message.Precision != expected)
        {
            throw new ArgumentException($"tensor message is {message.Precision}, expected {expected}", nameof(message));
        }

        TorchRuntime.EnsureLoaded();
        var host = empty(message.Shape.Select(d => (long)d).ToArray(), dtype);
        host.bytes = message.Data;
        return device.type == DeviceType.CPU ? host : host.to(device, disposeAfter: true);
    }

    /// <summary>Copies a float32 message's values into a managed array (row-major).</summary>
    public static float[] ToArray(TensorBytes message)
    {
        Validate(message);
        if (message.Precision != TensorPrecision.Float32)
        {
            throw new ArgumentException($"tensor message is {message.Precision}, expected Float32", nameof(message));
        }

        var values = new float[message.ElementCount];
        Buffer.BlockCopy(message.Data, 0, values, 0, message.Data.Length);
        return values;
    }

    /// <summary>Copies a message's values, of either precision, into doubles (row-major).</summary>
    public static double[] ToDoubles(TensorBytes message)
    {
        Validate(message);
        if (message.Precision == TensorPrecision.Float32)
        {
            return Array.ConvertAll(ToArray(message), v => (double)v);
        }

        var values = new double[message.ElementCount];
        Buffer.BlockCopy(message.Data, 0, values, 0, message.Data.Length);
        return values;
    }

    /// <summary>Throws unless the message is a well-formed tensor, naming what is wrong.</summary>
    public static void Validate(TensorBytes message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Data is null || message.Shape is null)
        {
            throw new ArgumentException("tensor message has no data or no shape", nameof(message));
        }

        if (message.Shape.Any(d => d < 0))
        {
            throw new ArgumentException($"tensor message has a negative dimension in shape [{string.Join(",", message.Shape)}]", nameof(message));
        }

        if (!Enum.IsDefined(message.Precision))
        {
            throw new ArgumentException($"tensor message has an unknown precision {(int)message.Precision}", nameof(message));
        }

        if (message.Data.LongLength != message.ElementCount * message.ElementSize)
        {
            throw new ArgumentException(
                $"tensor message of shape [{string.Join(",", message.Shape)}] needs {message.ElementCount * message.ElementSize} bytes, has {message.Data.LongLength}",
                nameof(message));
        }
    }
}
