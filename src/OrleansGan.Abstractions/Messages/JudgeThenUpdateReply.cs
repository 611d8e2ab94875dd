namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// The discriminator's reply in a simultaneous round: the gradient message computed at its current parameters,
/// then the report of the update it made from the same minibatch.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JudgeThenUpdateReply(
    [property: Id(0)] GradientMessage Gradient,
    [property: Id(1)] DiscriminatorMoveReport Update);
