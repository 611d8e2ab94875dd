namespace OrleansGan.Abstractions.Messages;

/// <summary>
/// t = J_x grad_theta J_G: the change of the fake minibatch along the generator's own gradient (a Jacobian-vector
/// product of G), which the discriminator needs for the cross terms of grad(1/2 |v|^2).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GeneratorTangent([property: Id(0)] TensorBytes Value);
