using System.Buffers.Binary;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Native;
using OrleansGan.Core.Tensors;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Tensors;

public class TensorCodecTests
{
    public TensorCodecTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<long[]> Shapes() => [[], [1], [7], [3, 2], [2, 3, 4], [0], [3, 0], [0, 5, 2]];

    private static long Count(long[] shape) => shape.Aggregate(1L, (n, d) => n * d);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_float32_tensor_survives_the_round_trip(long[] shape)
    {
        using var scope = NewDisposeScope();
        using var stream = new Generator(17);
        var original = randn(shape, generator: stream);

        var message = TensorCodec.ToMessage(original);
        var back = TensorCodec.ToTensor(message, CPU);

        Assert.Equal(shape, message.Shape.Select(d => (long)d));
        Assert.Equal(4 * Count(shape), message.Data.LongLength);
        Assert.Equal(shape, back.shape);
        Assert.Equal(ScalarType.Float32, back.dtype);

        // flatten(): TorchSharp's data<T>() cannot read an empty tensor of more than one dimension.
        var values = original.flatten().data<float>().ToArray();
        Assert.Equal(Count(shape), values.Length);
        Assert.Equal(values, back.flatten().data<float>().ToArray());
        Assert.Equal(values, TensorCodec.ToArray(message));
    }

    [Fact]
    public void Bytes_are_row_major_little_endian_float32()
    {
        using var scope = NewDisposeScope();
        var message = TensorCodec.ToMessage(tensor(new[] { 1f, -2f, 0.5f, 3f, 4f, 5f }, [2, 3]));

        var expected = new byte[24];
        var values = new[] { 1f, -2f, 0.5f, 3f, 4f, 5f };
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(expected.AsSpan(4 * i), values[i]);
        }

        Assert.Equal(expected, message.Data);
        Assert.Equal(new[] { 2, 3 }, message.Shape);
    }

    [Fact]
    public void A_transposed_view_is_sent_in_its_own_row_major_order()
    {
        using var scope = NewDisposeScope();
        var matrix = tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, [2, 3]);
        var message = TensorCodec.ToMessage(matrix.t());

        Assert.Equal(new[] { 3, 2 }, message.Shape);
        Assert.Equal(new[] { 1f, 4f, 2f, 5f, 3f, 6f }, TensorCodec.ToArray(message));
    }

    [Fact]
    public void The_decoded_tensor_does_not_share_memory_with_the_message()
    {
        using var scope = NewDisposeScope();
        var message = TensorCodec.ToMessage(tensor(new[] { 1f, 2f }));
        var decoded = TensorCodec.ToTensor(message, CPU);

        decoded.mul_(10);
        Assert.Equal(new[] { 1f, 2f }, TensorCodec.ToArray(message));
    }

    [Theory]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Int64)]
    public void Other_dtypes_are_refused(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => TensorCodec.ToMessage(ones([2, 2], dtype)));
        Assert.Contains("float32", error.Message);
        Assert.Contains(dtype.ToString(), error.Message);
    }

    [Fact]
    public void Float64_messages_round_trip_but_no_game_move_accepts_them()
    {
        // The diagnostics' products are checked in float64; the game's own messages stay float32.
        using var scope = NewDisposeScope();
        var values = new[] { 1.0 / 3, -2e-300, 1e300 };
        var message = TensorCodec.ToMessage(tensor(values));
        Assert.Equal(TensorPrecision.Float64, message.Precision);
        Assert.Equal(24, message.Data.Length);
        Assert.Equal(values, TensorCodec.ToDoubles(message));
        Assert.Equal(values, TensorCodec.ToTensor(message, CPU, ScalarType.Float64).data<double>().ToArray());
        Assert.Contains("expected Float32", Assert.Throws<ArgumentException>(() => TensorCodec.ToTensor(message, CPU)).Message);
        Assert.Contains("expected Float32", Assert.Throws<ArgumentException>(() => TensorCodec.ToArray(message)).Message);
        var float32 = TensorCodec.ToMessage(tensor(new[] { 1f, 2f }));
        Assert.Contains("expected Float64", Assert.Throws<ArgumentException>(() => TensorCodec.ToTensor(float32, CPU, ScalarType.Float64)).Message);
        Assert.Equal([1.0, 2.0], TensorCodec.ToDoubles(float32));
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, 20)]
    [InlineData(new[] { 2, 3 }, 28)]
    [InlineData(new[] { 4 }, 0)]
    [InlineData(new[] { 0, 3 }, 4)]
    public void A_message_whose_bytes_do_not_fit_its_shape_is_refused_naming_both(int[] shape, int byteCount)
    {
        var message = new TensorBytes(new byte[byteCount], shape);
        var needed = 4 * shape.Aggregate(1, (n, d) => n * d);

        foreach (var decode in Decoders())
        {
            var error = Assert.Throws<ArgumentException>(() => decode(message));
            Assert.Contains($"[{string.Join(",", shape)}]", error.Message);
            Assert.Contains($"needs {needed} bytes", error.Message);
            Assert.Contains($"has {byteCount}", error.Message);
        }
    }

    [Fact]
    public void A_negative_dimension_is_refused_naming_the_shape()
    {
        // -2 * -3 = 6 elements, and 24 bytes would match the count: the sign must be checked on its own.
        var message = new TensorBytes(new byte[24], [-2, -3]);
        foreach (var decode in Decoders())
        {
            var error = Assert.Throws<ArgumentException>(() => decode(message));
            Assert.Contains("negative dimension", error.Message);
            Assert.Contains("[-2,-3]", error.Message);
        }
    }

    [Fact]
    public void A_message_without_data_or_shape_is_refused()
    {
        foreach (var message in new[] { new TensorBytes(null!, [2]), new TensorBytes([], null!) })
        {
            foreach (var decode in Decoders())
            {
                var error = Assert.Throws<ArgumentException>(() => decode(message));
                Assert.Contains("no data or no shape", error.Message);
            }
        }
    }

    [Fact]
    public void A_null_message_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => TensorCodec.Validate(null!));
    }

    private static IEnumerable<Action<TensorBytes>> Decoders() =>
    [
        TensorCodec.Validate,
        m => TensorCodec.ToArray(m),
        m => TensorCodec.ToTensor(m, CPU).Dispose(),
    ];
}
