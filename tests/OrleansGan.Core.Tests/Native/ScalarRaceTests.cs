using System.Runtime.InteropServices;
using OrleansGan.Core.Native;

namespace OrleansGan.Core.Tests.Native;

public sealed class ScalarRaceTests
{
    private const string Race = "Expected false to be true, but got false.\nException raised from toDouble at /pytorch/c10/core/Scalar.h:140 (most recent call first):";

    [Fact]
    public void Libtorchs_refusal_of_a_freed_scalar_is_the_race_however_it_is_wrapped()
    {
        Assert.True(ScalarRace.Caused(new ExternalException(Race)));
        Assert.True(ScalarRace.Caused(new InvalidOperationException("the move failed", new ExternalException(Race))));
        Assert.True(ScalarRace.Caused(new AggregateException(new TimeoutException(), new ExternalException(Race))));
    }

    [Theory]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (32x3 and 2x16)\nException raised from meta at /pytorch/aten/src/ATen/native/LinearAlgebra.cpp:192")]
    [InlineData("Expected false to be true, but got false.")]
    [InlineData("game g has no checkpoint")]
    public void Other_errors_are_not(string message)
    {
        Assert.False(ScalarRace.Caused(new ExternalException(message)));
        Assert.False(ScalarRace.Caused(new AggregateException(new InvalidOperationException(message))));
    }
}
