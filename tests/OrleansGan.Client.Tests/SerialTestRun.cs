// TorchSharp 0.107 can free a Scalar during a native call when another thread starts a garbage collection
// (docs/known-issues.md); one class at a time keeps the threads that allocate beside a game to the game's own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
