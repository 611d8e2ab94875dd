using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Activates a player grain on the silo named in the request context of the call that activates it, when that silo
/// is compatible and alive; otherwise (no choice made, or the silo died since) on a random compatible silo.
/// </summary>
public sealed class PlayerPlacementDirector(ILogger<PlayerPlacementDirector> logger) : IPlacementDirector
{
    /// <summary>The request-context key that carries the chosen silo's address.</summary>
    public const string SiloKey = "orleansgan.placement.silo";

    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (target.RequestContextData is { } data && data.TryGetValue(SiloKey, out var value) && value is string address)
        {
            var chosen = compatible.FirstOrDefault(s => s.ToParsableString() == address);
            if (chosen is not null)
            {
                return Task.FromResult(chosen);
            }

            logger.LogWarning("Silo {Silo} chosen for {Grain} is not available; placing it elsewhere", address, target.GrainIdentity);
        }

        return Task.FromResult(compatible[Random.Shared.Next(compatible.Length)]);
    }
}
