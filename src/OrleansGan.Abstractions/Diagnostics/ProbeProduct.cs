using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>
/// The discriminator's part of one product: <see cref="Tangent"/> t = J_x u_theta from the generator (batch-shaped,
/// absent for H_D), u_psi in slot <see cref="Source"/>, and the slot <see cref="Target"/> for the discriminator's block
/// of the result.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProbeProduct(
    [property: Id(0)] ProbeProductKind Kind,
    [property: Id(1)] TensorBytes? Tangent,
    [property: Id(2)] int Source,
    [property: Id(3)] int Target);
