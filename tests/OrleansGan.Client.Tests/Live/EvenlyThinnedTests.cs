using OrleansGan.Live;

namespace OrleansGan.Client.Tests.Live;

/// <summary>The bounded, evenly spread selection that the animation's frames and the live page's evaluations use.</summary>
public class EvenlyThinnedTests
{
    [Fact]
    public void Up_to_its_capacity_every_item_is_kept()
    {
        var thinned = new EvenlyThinned<int>(10);
        foreach (var i in Enumerable.Range(0, 10))
        {
            thinned.Add(i);
        }

        Assert.Equal(Enumerable.Range(0, 10), thinned.Items);
        Assert.Equal(10, thinned.Count);
    }

    [Theory]
    [InlineData(121)]
    [InlineData(1000)]
    [InlineData(123457)]
    public void A_long_sequence_keeps_an_even_spread_the_first_and_the_latest_within_capacity(int count)
    {
        var thinned = new EvenlyThinned<int>(120);
        foreach (var i in Enumerable.Range(0, count))
        {
            thinned.Add(i);
        }

        var items = thinned.Items;
        Assert.Equal(count, thinned.Count);
        Assert.InRange(items.Count, 61, 121);
        Assert.Equal(0, items[0]);
        Assert.Equal(count - 1, items[^1]);
        var gaps = items.Zip(items.Skip(1), (a, b) => b - a).ToList();
        Assert.Single(gaps.SkipLast(1).Distinct()); // one stride between all kept items; the latest may come sooner
        Assert.True(gaps[^1] <= gaps[0], $"the latest comes {gaps[^1]} after the last kept one, the stride is {gaps[0]}");
    }

    [Fact]
    public void Truncating_forgets_what_will_be_played_again_and_goes_on_from_there()
    {
        var thinned = new EvenlyThinned<int>(4);
        foreach (var i in Enumerable.Range(0, 9))
        {
            thinned.Add(i);
        }

        Assert.Equal([0, 4, 8], thinned.Items);
        thinned.TruncateTo(6);
        Assert.Equal(6, thinned.Count);
        Assert.Equal([0, 4], thinned.Items);
        thinned.Add(6);
        thinned.Add(7);
        thinned.Add(8);
        Assert.Equal([0, 4, 8], thinned.Items);
        Assert.Equal(8, thinned.Latest);
    }
}
