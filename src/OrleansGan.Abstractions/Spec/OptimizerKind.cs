namespace OrleansGan.Abstractions.Spec;

/// <summary>A player's optimizer.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba), with betas and decoupled-from-nothing L2 weight decay as in torch.optim.Adam.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with optional momentum, as in torch.optim.SGD.</summary>
    Sgd,

    /// <summary>
    /// RMSprop (Hinton's lecture 6e) as in torch.optim.RMSprop, uncentered, with optional momentum: the optimizer WGAN
    /// trains its critic with (Arjovsky et al. 2017, Algorithm 1), since momentum-based methods made it unstable.
    /// </summary>
    Rmsprop,
}
