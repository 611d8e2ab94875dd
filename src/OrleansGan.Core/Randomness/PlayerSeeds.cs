namespace OrleansGan.Core.Randomness;

/// <summary>
/// Derives each random stream of a game from its one seed, so a spec and a seed fully determine a run and no two
/// streams share a state. SplitMix64 mixing keeps nearby game seeds far apart.
/// </summary>
public static class PlayerSeeds
{
    /// <summary>The generator's stream: its initial weights, then the z of every minibatch.</summary>
    public static ulong Generator(ulong gameSeed) => Mix(gameSeed, 1);

    /// <summary>The discriminator's stream: its initial weights, then every real minibatch.</summary>
    public static ulong Discriminator(ulong gameSeed) => Mix(gameSeed, 2);

    /// <summary>The fixed noise every evaluation feeds the generator.</summary>
    public static ulong EvaluationNoise(ulong gameSeed) => Mix(gameSeed, 3);

    /// <summary>The held-out real sample every evaluation shows the discriminator.</summary>
    public static ulong EvaluationReal(ulong gameSeed) => Mix(gameSeed, 4);

    /// <summary>The instance noise a field picture's gradient message is judged with (the training stream stays untouched).</summary>
    public static ulong EvaluationField(ulong gameSeed) => Mix(gameSeed, 6);

    /// <summary>
    /// The stream a fixed finite dataset (data.size) is drawn from, derived from the discriminator's seed (itself the
    /// game seed's): the dataset depends only on the game seed and the data spec, not on the networks, so games that
    /// differ only in their players train on the same samples.
    /// </summary>
    public static ulong Dataset(ulong discriminatorSeed) => Mix(discriminatorSeed, 5);

    /// <summary>The fixed latent sample of the equilibrium diagnostics (the same at every round of a game).</summary>
    public static ulong DiagnosticLatent(ulong gameSeed) => Mix(gameSeed, 101);

    /// <summary>The fixed real sample of the equilibrium diagnostics.</summary>
    public static ulong DiagnosticReal(ulong gameSeed) => Mix(gameSeed, 102);

    /// <summary>The streams of the diagnostics of round <paramref name="round"/>: Krylov start vectors, the duality gap's copies and scores.</summary>
    public static ulong Diagnostic(ulong gameSeed, int round, ulong purpose) => Mix(Mix(gameSeed, 103) + (ulong)round, purpose);

    private static ulong Mix(ulong seed, ulong stream)
    {
        var z = seed + (stream * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        // torch.Generator takes the seed as a signed 64-bit value inside; keep it positive.
        return (z ^ (z >> 31)) & long.MaxValue;
    }
}
