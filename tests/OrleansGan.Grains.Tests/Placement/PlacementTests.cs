using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Tests.Game;

namespace OrleansGan.Grains.Tests.Placement;

/// <summary>On a three-silo cluster, players land where the policy says, and where they land does not change the game.</summary>
public class PlacementTests(PlacedClusterFixture fixture) : IClassFixture<PlacedClusterFixture>
{
    private static GameSpec Spec(string policy, string? generator = null, string? discriminator = null)
    {
        var overrides = new Dictionary<string, string>
        {
            ["name"] = "placed", ["seed"] = "4", ["rounds"] = "20", ["batchSize"] = "32", ["protocol.kind"] = "simultaneous",
            ["generator.hidden"] = "[16]", ["discriminator.hidden"] = "[16]", ["evaluation.every"] = "10", ["evaluation.samples"] = "100",
            ["placement.policy"] = policy,
        };
        if (generator is not null)
        {
            overrides["placement.generator"] = generator;
            overrides["placement.discriminator"] = discriminator!;
        }

        return GameSpecLoader.Load(null, overrides);
    }

    [Fact]
    public async Task Colocated_players_share_a_silo_and_a_device()
    {
        var (last, _, _) = await GameRunner.PlayAsync(fixture.Client, "placed-colocate", Spec("colocate"));
        var players = last.Players!;
        Assert.Equal(players[0].SiloAddress, players[1].SiloAddress);
        Assert.Equal(players[0].Device, players[1].Device);
    }

    [Fact]
    public async Task Split_players_sit_on_different_silos()
    {
        var (last, _, _) = await GameRunner.PlayAsync(fixture.Client, "placed-split", Spec("split"));
        Assert.NotEqual(last.Players![0].SiloAddress, last.Players[1].SiloAddress);
    }

    [Fact]
    public async Task Explicit_seats_are_honoured_and_the_numbers_do_not_depend_on_them()
    {
        var (apart, apartRounds, _) = await GameRunner.PlayAsync(fixture.Client, "placed-explicit",
            Spec("explicit", "Silo_1/cpu:1", "Silo_2/cpu:0"));
        Assert.Equal((PlayerRole.Generator, "Silo_1", "cpu:1"), (apart.Players![0].Player, apart.Players[0].Silo, apart.Players[0].Device));
        Assert.Equal((PlayerRole.Discriminator, "Silo_2", "cpu:0"), (apart.Players[1].Player, apart.Players[1].Silo, apart.Players[1].Device));

        var (_, togetherRounds, _) = await GameRunner.PlayAsync(fixture.Client, "placed-explicit-together",
            Spec("explicit", "Silo_0/cpu:0", "Silo_0/cpu:0"));
        Assert.Equal(togetherRounds.Select(r => (r.DiscriminatorLoss, r.GeneratorLoss)), apartRounds.Select(r => (r.DiscriminatorLoss, r.GeneratorLoss)));
    }

    [Fact]
    public async Task Spread_games_use_every_device()
    {
        var games = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => GameRunner.PlayAsync(fixture.Client, $"placed-spread-{i}", Spec("spread") with { Rounds = 200 })));
        var seats = games.SelectMany(g => g.Last.Players!).Select(p => (p.Silo, p.Device)).Distinct().ToList();
        Assert.Equal(4, seats.Count);
    }

    [Fact]
    public async Task A_device_no_silo_has_fails_at_game_creation()
    {
        var game = fixture.Client.GetGrain<Abstractions.Grains.IGameGrain>("placed-impossible");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => game.StartAsync(Spec("explicit", "Silo_0/cuda:3", "Silo_0/cpu:0")));
        Assert.Contains("silo 'Silo_0' has no device 'cuda:3'", error.Message);
        Assert.Equal(GameState.Created, (await game.GetStatusAsync(0, 0)).State);
    }
}
