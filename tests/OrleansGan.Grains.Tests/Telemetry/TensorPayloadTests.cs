using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Tests.Telemetry;

/// <summary>The tensor bytes inside message records, today's and any written later, found without knowing them.</summary>
public class TensorPayloadTests
{
    private static TensorBytes Tensor(int rows, int columns = 2) => new(new byte[rows * columns * sizeof(float)], [rows, columns]);

    [Fact]
    public void Messages_of_the_game_carry_their_tensors()
    {
        Assert.Equal(1L * 64 * 2 * 4, TensorPayload.Measure(new FakeMinibatch(Tensor(64), KeptForGradient: true)));
        Assert.Equal(1L * 32 * 2 * 4, TensorPayload.Measure(new GradientMessage(Tensor(32), 0.5, 0.4)));
        Assert.Equal(1L * 10 * 2 * 4, TensorPayload.Measure(Tensor(10)));
        Assert.Equal(1L * 16 * 2 * 4, TensorPayload.Measure(new JudgeThenUpdateReply(new GradientMessage(Tensor(16), 1, 1), new DiscriminatorMoveReport(1, 1, 1, 1))));
        Assert.Equal(1L * (3 + 5) * 2 * 4, TensorPayload.Measure(new ParameterSnapshot(["w", "b"], [Tensor(3), Tensor(5)])));
    }

    [Fact]
    public void Values_that_cannot_hold_a_tensor_are_not_messages()
    {
        Assert.Null(TensorPayload.Measure(null));
        Assert.Null(TensorPayload.Measure(7UL));
        Assert.Null(TensorPayload.Measure("text"));
        Assert.Null(TensorPayload.Measure(new byte[16]));
        Assert.Null(TensorPayload.Measure(new DiscriminatorMoveReport(1, 1, 1, 1)));
        Assert.Null(TensorPayload.Measure(new GeneratorMoveReport(1)));
        Assert.Null(TensorPayload.Measure(new OptimizerSpec(OptimizerKind.Adam, 1e-3, 0.5, 0.999, 1e-8, 0, 0)));
    }

    [Fact]
    public void A_record_written_later_is_measured_through_its_nesting_lists_and_open_fields()
    {
        var move = new FutureMove(new FakeMinibatch(Tensor(4), false), [Tensor(1), Tensor(2)], Tensor(3), "note");
        Assert.Equal(1L * (4 + 1 + 2 + 3) * 2 * 4, TensorPayload.Measure(move));
        Assert.Equal("FutureMove", TensorPayload.KindOf(move));
        Assert.Equal(0L, TensorPayload.Measure(new FutureMove(new FakeMinibatch(new TensorBytes([], [0, 2]), false), [], "no tensor here", null)));
        Assert.Equal(1L * 2 * 2 * 4, TensorPayload.Measure(new Chain(Tensor(1), new Chain(Tensor(1), null))));
        Assert.Equal("List<TensorBytes>", TensorPayload.KindOf(new List<TensorBytes>()));
        Assert.Equal(1L * 2 * 2 * 4, TensorPayload.Measure(new List<TensorBytes> { Tensor(1), Tensor(1) }));
    }

    private sealed record FutureMove(FakeMinibatch Proposal, IReadOnlyList<TensorBytes> Extras, object Open, string? Note);

    private sealed record Chain(TensorBytes Link, Chain? Next);
}
