namespace OrleansGan.Abstractions.Players;

/// <summary>How a player turns the gradient of one move into a step; the state each rule needs stays with the player.</summary>
public enum UpdateRule
{
    /// <summary>Step along the gradient, as the player's optimizer does.</summary>
    Plain,

    /// <summary>Step along 2 g_t - g_(t-1), remembering g_t for the next move (the first move steps along g_0).</summary>
    Optimistic,

    /// <summary>Restore the parameters saved by the last anchor, then step along the gradient taken where the player is now.</summary>
    FromAnchor,
}
