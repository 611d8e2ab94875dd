using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Players;
using static TorchSharp.torch;

namespace OrleansGan.Core.Tests.Networks;

/// <summary>PacGAN (Lin et al. 2018): the discriminator judges m samples at once, and still answers per sample.</summary>
public class PackingTests
{
    public PackingTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_discriminator_with_pack_m_has_m_times_the_input_width_and_one_logit_per_pack(int pack)
    {
        using var scope = NewDisposeScope();
        using var mlp = PlayerNetworks.Discriminator(PlayerSpecs.Defaults.Discriminator with { Hidden = [16], Pack = pack });
        Assert.Equal([16L, 2L * pack], mlp.parameters().First().shape);
        Assert.Equal([8L / pack, 1], mlp.call(zeros(8, 2)).shape);

        using var dcgan = PlayerNetworks.Discriminator(DcganSpecs.Load().Discriminator with { Hidden = [4, 8], Pack = pack });
        Assert.Equal([4L, pack, 4, 4], dcgan.parameters().First().shape);
        Assert.Equal([8L / pack, 1], dcgan.call(zeros(8, 784)).shape);
    }

    [Fact]
    public void A_pack_is_consecutive_samples_concatenated()
    {
        using var scope = NewDisposeScope();
        using var packed = PlayerNetworks.Discriminator(PlayerSpecs.Defaults.Discriminator with { Hidden = [16], Pack = 2 });
        using var single = PlayerNetworks.Discriminator(PlayerSpecs.Defaults.Discriminator with { Hidden = [16], InputSize = 4 });
        using var stream = new Generator(1);
        packed.Initialize(stream, null);
        var own = packed.parameters().Cast<Tensor>().ToList();
        var x = rand([6, 2], generator: stream);
        Assert.True(packed.call(x).allclose(single.ForwardWith(x.reshape(3, 4), own)));
    }

    [Fact]
    public void The_gradient_message_stays_per_sample_and_a_sample_moves_only_its_own_packs_logit()
    {
        using var scope = NewDisposeScope();
        var setup = new DiscriminatorSetup(PlayerSpecs.Defaults.Discriminator with { Hidden = [16, 16], Pack = 2 }, 3,
            PlayerSpecs.Defaults.Data, LossKind.NonSaturating, 8);
        using var player = new DiscriminatorPlayer(setup);
        using var stream = new Generator(4);
        var fake = randn([8, 2], generator: stream);
        var (gradient, _, _) = player.Judge(fake);
        Assert.Equal([8L, 2L], gradient.shape);
        Assert.True(gradient.abs().sum(1).gt(0).all().ToBoolean());

        var logits = player.Network.call(fake);
        var moved = fake.clone();
        moved[2].add_(1.0);
        var after = player.Network.call(moved);
        Assert.Equal(logits[0].ToSingle(), after[0].ToSingle());
        Assert.NotEqual(logits[1].ToSingle(), after[1].ToSingle());
        Assert.Throws<ArgumentException>(() => player.Judge(fake[..7]));

        // An evaluation sample need not divide into packs (PacGAN3's 2,500): its whole packs are judged.
        Assert.Equal(player.Evaluate(fake[..6], 1).MeanFakeScore, player.Evaluate(fake[..7], 1).MeanFakeScore, 6);
        Assert.Throws<ArgumentException>(() => player.Evaluate(fake[..1], 1));
    }
}
