namespace OrleansGan.Abstractions.Players;

/// <summary>Which side of the game a player is on.</summary>
public enum PlayerRole
{
    /// <summary>G: proposes fake minibatches x = G(z) and steps on the gradient messages about them.</summary>
    Generator,

    /// <summary>D: judges real and fake minibatches, steps on J_D and answers with gradient messages.</summary>
    Discriminator,
}

/// <summary>The names a role goes by outside the code: in grain keys, metric labels, checkpoints and messages.</summary>
public static class PlayerRoles
{
    /// <summary>"generator" or "discriminator".</summary>
    public static string Name(this PlayerRole role) => role switch
    {
        PlayerRole.Generator => "generator",
        PlayerRole.Discriminator => "discriminator",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a player role"),
    };

    /// <summary>The key of the game's player grain in this role: "{gameId}/generator" or "{gameId}/discriminator".</summary>
    public static string GrainKey(this PlayerRole role, string gameId) => $"{gameId}/{role.Name()}";
}
