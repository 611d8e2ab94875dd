using OrleansGan.Core.Checkpoints;

namespace OrleansGan.Core.Tests.Checkpoints;

/// <summary>
/// Each game given a folder of its own keeps its checkpoint, the snapshots its diagnostics keep, and its logs there;
/// everything else stays in the shared folder.
/// </summary>
public sealed class CheckpointRootsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleansgan-roots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void A_games_keys_and_its_snapshots_keys_go_to_its_folder_and_others_to_the_shared_one()
    {
        var roots = CheckpointRoots.PerGame(Path.Combine(_root, "shared"), new Dictionary<string, string> { ["s-0001"] = Path.Combine(_root, "g1") });
        Assert.Equal(Path.Combine(_root, "g1"), roots.Of("s-0001"));
        Assert.Equal(Path.Combine(_root, "g1"), roots.Of(SnapshotKeys.Of("s-0001", 1_200)));
        Assert.Equal(Path.Combine(_root, "g1"), roots.Of(SnapshotKeys.Of("s-0001", 12_345_678)));
        Assert.Equal(Path.Combine(_root, "shared"), roots.Of("s-0002"));
        Assert.Equal(Path.Combine(_root, "shared"), roots.Of("s-0001.round-12"));
        Assert.Equal(Path.Combine(_root, "shared"), roots.Of("0"));
        Assert.Equal("s-0001", SnapshotKeys.GameOf(SnapshotKeys.Of("s-0001", 7)));
        Assert.Null(SnapshotKeys.GameOf("s-0001"));
        Assert.Null(SnapshotKeys.GameOf("s.round-00000x"));
    }

    [Fact]
    public async Task A_store_over_per_game_folders_writes_where_a_store_of_that_folder_alone_reads()
    {
        var own = Path.Combine(_root, "games", "0001", "checkpoints");
        var roots = CheckpointRoots.PerGame(Path.Combine(_root, "shared"), new Dictionary<string, string> { ["s-0001"] = own });
        await new FileCheckpointStore(roots).SaveAsync("s-0001", [1, 2, 3]);
        await new FileCheckpointStore(roots).SaveAsync(SnapshotKeys.Of("s-0001", 100), [4]);
        await new FileCheckpointStore(roots).SaveAsync("s-0002", [5]);

        Assert.Equal([1, 2, 3], await new FileCheckpointStore(own).LoadAsync("s-0001"));
        Assert.Equal([4], await new FileCheckpointStore(own).LoadAsync(SnapshotKeys.Of("s-0001", 100)));
        Assert.Null(await new FileCheckpointStore(Path.Combine(_root, "shared")).LoadAsync("s-0001"));
        Assert.Equal([5], await new FileCheckpointStore(Path.Combine(_root, "shared")).LoadAsync("s-0002"));
        await using var log = new FileGameLogStore(roots).Rounds("s-0001");
        Assert.Equal(Path.Combine(GameFolder.Of(own, "s-0001"), "rounds.log"), log.Where);
    }
}
