namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// The labels of OrleansGan's series. Each has few values per game (players, samples, states, message kinds) or per
/// silo (devices); <c>game_id</c> is bounded by <see cref="GameInstruments"/>, which keeps only running games and the
/// most recently ended ones.
/// </summary>
public static class TagNames
{
    /// <summary>The game grain's key.</summary>
    public const string GameId = "game_id";

    /// <summary>The protocol as a spec writes it: "simultaneous" or "alternating(kD,kG)".</summary>
    public const string Protocol = "protocol";

    /// <summary>The generator's loss: "minimax", "non-saturating" or "maximum-likelihood".</summary>
    public const string Loss = "loss";

    /// <summary>"generator" or "discriminator".</summary>
    public const string Player = "player";

    /// <summary>The silo that recorded the figure, as host:port of its silo endpoint. A resource attribute (see
    /// <see cref="SiloResource"/>) that the exporter puts on every series, not a tag of OrleansGan's instruments.</summary>
    public const string Silo = "silo";

    /// <summary>A torch device: "cpu", "cuda" or "cuda:N".</summary>
    public const string Device = "device";

    /// <summary>Which minibatch a discriminator output was measured on: "real" or "fake".</summary>
    public const string Sample = "sample";

    /// <summary>A game state in lower case: "running", "finished", "diverged", "failed", "cancelled".</summary>
    public const string State = "state";

    /// <summary>A message's record type: FakeMinibatch, GradientMessage, TensorBytes, JudgeThenUpdateReply, ...</summary>
    public const string Kind = "kind";

    /// <summary>"request" (an argument of a player's method) or "response" (its result).</summary>
    public const string Direction = "direction";

    /// <summary>Whose spectrum a diagnosis eigenvalue belongs to: "jacobian", "generator_hessian", "discriminator_hessian".</summary>
    public const string Operator = "operator";

    /// <summary>Which end of that spectrum: "largest_modulus", "smallest_real", "largest", "smallest".</summary>
    public const string End = "end";

    /// <summary>Which duality gap: "plain" (Grnarova et al. 2019) or "perturbed" (Sidheekh et al. 2021).</summary>
    public const string Variant = "variant";
}
