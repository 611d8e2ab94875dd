using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansGan.Abstractions.Game;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Core.Spec;
using OrleansGan.Grains.Telemetry;

namespace OrleansGan.Grains.Tests.Telemetry;

/// <summary>What the game's instruments report, and how they keep the number of series bounded.</summary>
public sealed class GameInstrumentsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualClock _clock = new();
    private readonly GameInstruments _instruments;
    private readonly Readings _readings;

    public GameInstrumentsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _readings = new Readings(meters);
        _instruments = new GameInstruments(meters, _clock, () => ["cpu", "cuda:0"]);
    }

    public void Dispose()
    {
        _readings.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void A_game_reports_its_latest_round_and_evaluation_under_its_labels()
    {
        var game = _instruments.Started("g1", GameSpecLoader.Load(null, new Dictionary<string, string>
        {
            ["loss"] = "maximum-likelihood", ["protocol.kind"] = "simultaneous", ["discriminator.device"] = "cuda:0",
        }));
        _instruments.Played(game, new RoundRecord(1, 1.0, 2.0, 0.6, 0.4, 3.0, 4.0), TimeSpan.FromMilliseconds(3));
        _instruments.Played(game, new RoundRecord(2, 1.5, 2.5, 0.7, 0.3, 6.0, 8.0), TimeSpan.FromMilliseconds(5));
        _instruments.Evaluated(game, new EvaluationRecord(2, 5, 8, 0.75, 0.6, 0.4, new TensorBytes([], [0, 2])));

        var readings = _readings.Collect();
        double One(string instrument, params (string Tag, string Value)[] tags) => Assert.Single(readings,
            r => r.Instrument == instrument && tags.All(t => r.Tags.GetValueOrDefault(t.Tag) == t.Value)).Value;

        Assert.Equal([0.003, 0.005], readings.Where(r => r.Instrument == GameInstruments.RoundDurationName).Select(r => r.Value));
        Assert.Equal(2, One("orleansgan.game.rounds"));
        Assert.Equal(2, One("orleansgan.game.round"));
        Assert.Equal(1.5, One("orleansgan.player.loss", ("player", "discriminator"), ("device", "cuda:0")));
        Assert.Equal(2.5, One("orleansgan.player.loss", ("player", "generator"), ("device", "cpu")));
        Assert.Equal(0.7, One("orleansgan.discriminator.output", ("sample", "real")));
        Assert.Equal(0.3, One("orleansgan.discriminator.output", ("sample", "fake")));
        Assert.Equal(6.0, One("orleansgan.player.gradient.norm", ("player", "discriminator")));
        Assert.Equal(10.0, One("orleansgan.game.gradient_field.norm"), 12);
        Assert.Equal(5, One("orleansgan.evaluation.modes.covered"));
        Assert.Equal(8, One("orleansgan.data.modes"));
        Assert.Equal(0.75, One("orleansgan.evaluation.high_quality"));
        Assert.Equal(1, One("orleansgan.game.state", ("state", "running")));
        Assert.Equal(0, One("orleansgan.game.state", ("state", "finished")));
        Assert.Equal(["cpu", "cuda:0"], readings.Where(r => r.Instrument == "orleansgan.silo.devices").Select(r => r.Tags["device"]));
        Assert.All(readings.Where(r => r.Tags.ContainsKey("game_id")), r =>
        {
            Assert.Equal("g1", r.Tags["game_id"]);
            Assert.Equal("simultaneous", r.Tags["protocol"]);
            Assert.Equal("maximum-likelihood", r.Tags["loss"]);
        });
    }

    [Fact]
    public void Image_games_report_their_frechet_distance_and_mixture_games_report_none()
    {
        var images = _instruments.Started("digits", GameSpecLoader.Load(null, []));
        var mixture = _instruments.Started("ring", GameSpecLoader.Load(null, []));
        _instruments.Evaluated(images, new EvaluationRecord(4, 7, 10, 0.5, 0.6, 0.4, new TensorBytes([], [0, 784]),
            [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 0.8, 12.5, []));
        _instruments.Evaluated(mixture, new EvaluationRecord(4, 5, 8, 0.75, 0.6, 0.4, new TensorBytes([], [0, 2])));

        var readings = _readings.Collect();

        var distance = Assert.Single(readings, r => r.Instrument == "orleansgan.evaluation.frechet_distance");
        Assert.Equal(12.5, distance.Value);
        Assert.Equal("digits", distance.Tags["game_id"]);
        Assert.Equal(7, Assert.Single(readings, r => r.Instrument == "orleansgan.evaluation.modes.covered" && r.Tags["game_id"] == "digits").Value);
    }

    [Fact]
    public void Ended_games_stay_for_the_retention_and_only_the_latest_ones()
    {
        var running = _instruments.Started("running", GameSpecLoader.Load(null, []));
        for (var i = 0; i < GameInstruments.MaxEndedGames + 5; i++)
        {
            var game = _instruments.Started($"ended-{i:D2}", GameSpecLoader.Load(null, []));
            _clock.Advance(TimeSpan.FromSeconds(1));
            _instruments.Ended(game, i % 2 == 0 ? GameState.Finished : GameState.Diverged);
        }

        var games = StatesByGame();
        Assert.Equal(GameInstruments.MaxEndedGames + 1, games.Count);
        Assert.Equal("running", games["running"]);
        Assert.DoesNotContain("ended-04", games.Keys);
        Assert.Equal("diverged", games["ended-05"]);
        Assert.Equal("finished", games[$"ended-{GameInstruments.MaxEndedGames + 4}"]);

        _clock.Advance(GameInstruments.Retention + TimeSpan.FromSeconds(1));
        Assert.Equal(["running"], StatesByGame().Keys);

        _instruments.Ended(running, GameState.Cancelled);
        Assert.Equal("cancelled", StatesByGame()["running"]);
    }

    [Fact]
    public void Message_traffic_is_tallied_by_game_player_kind_and_direction_until_it_goes_idle()
    {
        var fake = new FakeMinibatch(new TensorBytes(new byte[64 * 2 * 4], [64, 2]), false);
        _instruments.Carried("g1", "generator", "response", fake);
        _instruments.Carried("g1", "discriminator", "request", fake);
        _instruments.Carried("g1", "discriminator", "request", fake);
        _instruments.Carried("g1", "discriminator", "request", 42UL);
        _instruments.Carried("g1", "discriminator", "response", null);

        var readings = _readings.Collect();
        var counts = readings.Where(r => r.Instrument == "orleansgan.messages")
            .ToDictionary(r => $"{r.Tags["game_id"]} {r.Tags["player"]} {r.Tags["direction"]} {r.Tags["kind"]}", r => r.Value);
        Assert.Equal(new Dictionary<string, double> { ["g1 generator response FakeMinibatch"] = 1, ["g1 discriminator request FakeMinibatch"] = 2 }, counts);
        Assert.Equal(2 * 64 * 2 * 4, Assert.Single(readings, r => r.Instrument == "orleansgan.message.payload" && r.Tags["player"] == "discriminator").Value);

        _clock.Advance(GameInstruments.Retention + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(_readings.Collect(), r => r.Instrument.StartsWith("orleansgan.message", StringComparison.Ordinal));
    }

    private Dictionary<string, string> StatesByGame() => _readings.Collect()
        .Where(r => r.Instrument == "orleansgan.game.state" && r.Value == 1)
        .ToDictionary(r => r.Tags["game_id"], r => r.Tags["state"]);
}
