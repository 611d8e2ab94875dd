namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// The discriminator's answer to an alternating round's first half in one message: what each of its updates saw and
/// did, in order, and then its judgment of the generator's minibatch at the parameters those updates reached.
/// </summary>
/// <param name="Updates">One report per discriminator update, in the order the updates were taken.</param>
/// <param name="Gradient">dJ_G/dx for the judged minibatch, after the updates.</param>
[GenerateSerializer, Immutable]
public sealed record UpdatesThenJudgment(
    [property: Id(0)] DiscriminatorMoveReport[] Updates,
    [property: Id(1)] GradientMessage Gradient);
