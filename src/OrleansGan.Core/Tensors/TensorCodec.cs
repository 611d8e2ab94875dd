using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tensors;

/// <summary>The one place tensors become messages and messages become tensors. Messages are always float32 on the host.</summary>
public static class TensorCodec
{
    /// <summary>Copies a float32 tensor (on any device) into a message.</summary>
    public static TensorBytes ToMessage(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"messages carry float32 tensors, got {tensor.dtype}", nameof(tensor));
        }

        using var host = tensor.detach().cpu().contiguous();
        return new TensorBytes(host.bytes.ToArray(), host.shape.Select(d => checked((int)d)).ToArray());
    }

    /// <summary>Builds a fresh tensor on <paramref name="device"/> from a message, checking that its bytes match its shape.</summary>
    /// <exception cref="ArgumentException">The message is malformed.</exception>
    public static Tensor ToTensor(TensorBytes message, Device device)
    {
        Validate(message);
        TorchRuntime.EnsureLoaded();
        var host = empty(message.Shape.Select(d => (long)d).ToArray(), ScalarType.Float32);
        host.bytes = message.Data;
        return device.type == DeviceType.CPU ? host : host.to(device, disposeAfter: true);
    }

    /// <summary>Copies a message's values into a managed array (row-major).</summary>
    public static float[] ToArray(TensorBytes message)
    {
        Validate(message);
        var values = new float[message.ElementCount];
        Buffer.BlockCopy(message.Data, 0, values, 0, message.Data.Length);
        return values;
    }

    /// <summary>Throws unless the message is a well-formed float32 tensor, naming what is wrong.</summary>
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

        if (message.Data.LongLength != message.ElementCount * sizeof(float))
        {
            throw new ArgumentException(
                $"tensor message of shape [{string.Join(",", message.Shape)}] needs {message.ElementCount * sizeof(float)} bytes, has {message.Data.LongLength}",
                nameof(message));
        }
    }
}
