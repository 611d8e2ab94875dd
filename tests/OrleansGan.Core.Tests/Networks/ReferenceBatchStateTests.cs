using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>
/// A virtual-batch reference batch is player state: it is drawn once from the player's stream and saved with the
/// network, so a resumed player normalises with the batch it started with.
/// </summary>
public class ReferenceBatchStateTests
{
    public ReferenceBatchStateTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void The_discriminators_reference_batch_is_real_data_and_survives_a_restore_into_another_player()
    {
        using var scope = NewDisposeScope();
        var spec = PlayerSpecs.Defaults.Discriminator with { Hidden = [16], Normalization = Normalization.VirtualBatch };
        DiscriminatorSetup Setup(ulong seed) => new(spec, seed, PlayerSpecs.Defaults.Data, LossKind.NonSaturating, 8);
        using var saved = new DiscriminatorPlayer(Setup(1));
        using var other = new DiscriminatorPlayer(Setup(2));
        var reference = ((LayeredNetwork)saved.Network).ReferenceBatch!;
        Assert.Equal([8L, 2L], reference.shape);
        Assert.InRange(reference.norm(1).mean().ToDouble(), 1.9, 2.1); // ring samples lie at radius 2
        Assert.False(reference.eq(((LayeredNetwork)other.Network).ReferenceBatch!).all().ToBoolean());

        other.RestoreState(saved.SaveState());
        Assert.True(reference.eq(((LayeredNetwork)other.Network).ReferenceBatch!).all().ToBoolean());
        var x = zeros(4, 2);
        Assert.True(saved.Network.call(x).eq(other.Network.call(x)).all().ToBoolean());
    }

    [Fact]
    public void The_generators_reference_batch_survives_a_restore_and_needs_the_batch_size()
    {
        using var scope = NewDisposeScope();
        var spec = PlayerSpecs.Defaults.Generator with { Hidden = [16], Normalization = Normalization.VirtualBatch };
        using var saved = new GeneratorPlayer(new GeneratorSetup(spec, 1, 8));
        using var other = new GeneratorPlayer(new GeneratorSetup(spec, 2, 8));
        other.RestoreState(saved.SaveState());
        Assert.True(saved.Sample(5, 9).eq(other.Sample(5, 9)).all().ToBoolean());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorPlayer(new GeneratorSetup(spec, 1)));
    }
}
