namespace OrleansGan.Abstractions.Spec;

/// <summary>A player's optimizer.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba), with betas and decoupled-from-nothing L2 weight decay as in torch.optim.Adam.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with optional momentum, as in torch.optim.SGD.</summary>
    Sgd,
}
