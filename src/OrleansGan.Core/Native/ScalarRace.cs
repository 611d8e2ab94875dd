namespace OrleansGan.Core.Native;

/// <summary>
/// Recognises the one native failure that is a race rather than a mistake. TorchSharp 0.107 turns the numbers in
/// `a + b` (alpha = 1), `t * 0.5` and its optimizers' steps into Scalars that nothing keeps alive while the native
/// call runs; when another thread starts a garbage collection just then, the finalizer can free the Scalar before
/// libtorch reads it, and libtorch refuses the freed tag in one of c10::Scalar's accessors. Running the same move
/// again computes the right thing, so a game replays from its last checkpoint (docs/known-issues.md).
/// </summary>
public static class ScalarRace
{
    // Where libtorch raises it: "Exception raised from toDouble at /pytorch/c10/core/Scalar.h:140". Only a Scalar
    // whose tag is none of the known kinds fails there, which no well-formed call produces.
    private const string Origin = "c10/core/Scalar.h";

    /// <summary>True when <paramref name="failure"/>, or an exception inside it, is this race.</summary>
    public static bool Caused(Exception failure) => failure switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(Caused),
        _ => failure.Message.Contains(Origin, StringComparison.Ordinal)
            || (failure.InnerException is { } inner && Caused(inner)),
    };
}
