using OrleansGan.Abstractions.Spec;
using OrleansGan.Grains.Placement;

namespace OrleansGan.Grains.Tests.Placement;

/// <summary>The placement policies choose seats as documented, and impossible requests are refused by name.</summary>
public class PlacementPlannerTests
{
    private static readonly SiloDevices Alpha = new("S1", "alpha", ["cuda:0", "cuda:1"]);
    private static readonly SiloDevices Beta = new("S2", "beta", ["cuda:0"]);
    private static readonly Dictionary<(string, string), int> NoLoad = [];

    [Fact]
    public void Colocate_puts_both_players_on_the_least_loaded_device()
    {
        var load = new Dictionary<(string, string), int> { [("S1", "cuda:0")] = 2, [("S1", "cuda:1")] = 1 };
        var (g, d) = PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Colocate, null, null), [Alpha, Beta], load);
        Assert.Equal(g, d);
        Assert.Equal(("beta", "cuda:0"), (g.SiloName, g.Device));
    }

    [Fact]
    public void Split_prefers_different_silos_then_different_devices()
    {
        var (g, d) = PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Split, null, null), [Alpha, Beta], NoLoad);
        Assert.NotEqual(g.SiloAddress, d.SiloAddress);

        var (g1, d1) = PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Split, null, null), [Alpha], NoLoad);
        Assert.Equal(g1.SiloAddress, d1.SiloAddress);
        Assert.NotEqual(g1.Device, d1.Device);
    }

    [Fact]
    public void Spread_balances_players_over_every_device()
    {
        var load = new Dictionary<(string, string), int>();
        for (var game = 0; game < 3; game++)
        {
            var (g, d) = PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Spread, null, null), [Alpha, Beta], load);
            foreach (var seat in new[] { g, d })
            {
                load[(seat.SiloAddress, seat.Device)] = load.GetValueOrDefault((seat.SiloAddress, seat.Device)) + 1;
            }
        }

        Assert.Equal([2, 2, 2], load.Values.Order());
    }

    [Fact]
    public void Explicit_seats_are_taken_as_named()
    {
        var (g, d) = PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Explicit, "alpha/cuda:1", "beta/cuda:0"), [Alpha, Beta], NoLoad);
        Assert.Equal(("alpha", "cuda:1"), (g.SiloName, g.Device));
        Assert.Equal(("beta", "cuda:0"), (d.SiloName, d.Device));
    }

    [Theory]
    [InlineData(PlacementPolicy.Explicit, "alpha/cuda:7", "beta/cuda:0", "silo 'alpha' has no device 'cuda:7' (it declares cuda:0, cuda:1)")]
    [InlineData(PlacementPolicy.Explicit, "gamma/cuda:0", "beta/cuda:0", "no active silo is named 'gamma'")]
    public void Impossible_explicit_requests_are_refused_by_name(PlacementPolicy policy, string g, string d, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlacementPlanner.Plan(new PlacementSpec(policy, g, d), [Alpha, Beta], NoLoad));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Split_on_a_one_device_cluster_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PlacementPlanner.Plan(new PlacementSpec(PlacementPolicy.Split, null, null), [Beta], NoLoad));
        Assert.Contains("split needs two devices", error.Message);
    }
}
