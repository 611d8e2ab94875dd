using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>Every protocol name maps to its family, with its own parameters, in the one place both the grains and the reference use.</summary>
public class ProtocolBuilderTests
{
    [Theory]
    [InlineData(ProtocolKind.Simultaneous, "simultaneous Plain")]
    [InlineData(ProtocolKind.TwoTimeScale, "simultaneous Plain")]
    [InlineData(ProtocolKind.Optimistic, "simultaneous Optimistic")]
    [InlineData(ProtocolKind.Alternating, "alternating 5 2")]
    [InlineData(ProtocolKind.Extragradient, "extragradient")]
    [InlineData(ProtocolKind.Unrolled, "unrolled 3 True")]
    [InlineData(ProtocolKind.UnrolledStopGradient, "unrolled 3 False")]
    [InlineData(ProtocolKind.Consensus, "consensus 0.25")]
    public void Each_protocol_builds_its_family_with_its_parameters(ProtocolKind kind, string expected) =>
        Assert.Equal(expected, new ProtocolSpec(kind, 5, 2, 3, 0.25).Build(Names.Instance));

    [Fact]
    public void Every_protocol_kind_has_a_family() =>
        Assert.All(Enum.GetValues<ProtocolKind>(), kind => Assert.NotEmpty(new ProtocolSpec(kind, 1, 1, 1, 1).Build(Names.Instance)));

    private sealed class Names : IProtocolBuilder<string>
    {
        public static readonly Names Instance = new();

        public string Simultaneous(UpdateRule rule) => $"simultaneous {rule}";

        public string Alternating(int discriminatorSteps, int generatorSteps) => $"alternating {discriminatorSteps} {generatorSteps}";

        public string Extragradient() => "extragradient";

        public string Unrolled(int steps, bool throughSteps) => $"unrolled {steps} {throughSteps}";

        public string Consensus(double weight) => FormattableString.Invariant($"consensus {weight}");
    }
}
