namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// The discriminator's second answer in a consensus round: s = d(u . t)/dx = H_xx(J_G) t, a Hessian-vector product
/// the generator back-propagates, and the report of the consensus step it took.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusUpdateReply(
    [property: Id(0)] TensorBytes HessianVectorProduct,
    [property: Id(1)] DiscriminatorMoveReport Update);
