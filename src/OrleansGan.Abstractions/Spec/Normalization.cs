namespace OrleansGan.Abstractions.Spec;

/// <summary>How a player's hidden features are normalised between a layer and its nonlinearity.</summary>
public enum Normalization
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>
    /// Batch normalisation (Ioffe and Szegedy 2015) with the statistics of the minibatch being judged or generated,
    /// in training mode always: real and fake minibatches are normalised separately, as DCGAN practice does.
    /// </summary>
    Batch,

    /// <summary>
    /// Virtual batch normalisation (Salimans et al. 2016, sec. 3.4): each sample is normalised with the statistics of
    /// a reference batch fixed at the start of the game together with the sample itself, so that no sample's output
    /// depends on the other samples of its minibatch.
    /// </summary>
    VirtualBatch,
}
