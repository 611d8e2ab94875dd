namespace OrleansGan.Abstractions.Game;

/// <summary>
/// The answer to forgetting a game: what was done, the state the game had ended in (Created for an unknown game), and
/// where the removed data lived (checkpoint keys or files, for the user to see).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ForgetResult(
    [property: Id(0)] ForgetOutcome Outcome,
    [property: Id(1)] GameState State,
    [property: Id(2)] IReadOnlyList<string> Removed);
