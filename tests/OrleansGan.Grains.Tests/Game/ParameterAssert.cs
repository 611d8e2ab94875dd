using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Tensors;

namespace OrleansGan.Grains.Tests.Game;

/// <summary>Compares two players' parameters tensor by tensor: |expected - actual| <= tolerance |expected|.</summary>
internal static class ParameterAssert
{
    public static void Close(ParameterSnapshot expected, ParameterSnapshot actual, double tolerance)
    {
        Assert.Equal(expected.Names, actual.Names);
        for (var i = 0; i < expected.Values.Count; i++)
        {
            var e = TensorCodec.ToArray(expected.Values[i]);
            var a = TensorCodec.ToArray(actual.Values[i]);
            var difference = Math.Sqrt(e.Zip(a, (x, y) => Math.Pow(x - (double)y, 2)).Sum());
            var norm = Math.Sqrt(e.Sum(x => (double)x * x));
            Assert.True(difference <= tolerance * norm, $"{expected.Names[i]}: |reference - grains| = {difference:R}, |reference| = {norm:R}");
        }
    }
}
