using OrleansGan.Core.Native;
using OrleansGan.Core.Pictures;
using OrleansGan.Core.Players;
using OrleansGan.Core.Spec;
using OrleansGan.Live;
using SkiaSharp;

namespace OrleansGan.Client.Tests.Live;

/// <summary>The field picture of a class-conditional game, whose manifold panel names and rings its class's mode.</summary>
public class FieldPicturesTests
{
    [Fact]
    public void A_conditional_games_field_picture_draws_its_classs_manifold()
    {
        TorchRuntime.EnsureLoaded();
        var spec = GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["stabilizers.classLabels"] = "conditional", ["evaluation.samples"] = "128", ["batchSize"] = "64",
            ["generator.hidden"] = "[8]", ["discriminator.hidden"] = "[8]",
        });
        using var generator = new GeneratorPlayer(PlayerSetups.Generator(spec));
        using var discriminator = new DiscriminatorPlayer(PlayerSetups.Discriminator(spec));
        var conditional = FieldSnapshots.Take(spec, 0, generator, discriminator, 16);
        Assert.Equal(0, conditional.ManifoldClass);
        var ringed = FieldPictures.Png(conditional);
        var plain = FieldPictures.Png(conditional with { ManifoldClass = null });
        using var picture = SKBitmap.Decode(ringed);
        Assert.Equal((1200, 800), (picture.Width, picture.Height));
        Assert.NotEqual(plain, ringed); // the class's title and ring are drawn
    }
}
