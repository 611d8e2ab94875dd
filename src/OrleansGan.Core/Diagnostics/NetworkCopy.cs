using OrleansGan.Core.Networks;
using static TorchSharp.torch;

namespace OrleansGan.Core.Diagnostics;

/// <summary>
/// A player's network copied into a fresh one of the same architecture, in the diagnostics' precision: the probe can
/// then move its copy along a path or compute in float64 while the player's own network and optimizer stay as they are.
/// </summary>
public static class NetworkCopy
{
    /// <summary>Copies <paramref name="source"/>'s parameters and buffers into <paramref name="fresh"/> and moves it to <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public static PlayerNetwork Of(PlayerNetwork source, PlayerNetwork fresh, ScalarType dtype, Device device)
    {
        // The reference batch becomes a buffer of the copy, so it is made outside any dispose scope.
        if (source is LayeredNetwork { ReferenceBatch: { } reference })
        {
            fresh.SetReferenceBatch(reference.cpu());
        }

        using (NewDisposeScope())
        using (no_grad())
        {
            var parameters = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, parameter) in fresh.named_parameters())
            {
                parameter.copy_(parameters[name].to(parameter.dtype).to(parameter.device));
            }

            var buffers = source.named_buffers().ToDictionary(b => b.name, b => b.buffer);
            foreach (var (name, buffer) in fresh.named_buffers())
            {
                buffer.copy_(buffers[name].to(buffer.dtype).to(buffer.device));
            }
        }

        fresh.to(dtype).to(device);
        return fresh;
    }
}
