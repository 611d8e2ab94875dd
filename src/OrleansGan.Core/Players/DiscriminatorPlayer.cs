using OrleansGan.Abstractions.Diagnostics;
using OrleansGan.Abstractions.Messages;
using OrleansGan.Abstractions.Players;
using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Devices;
using OrleansGan.Core.Diagnostics;
using OrleansGan.Core.Losses;
using OrleansGan.Core.Native;
using OrleansGan.Core.Networks;
using OrleansGan.Core.Stabilizers;
using static TorchSharp.torch;

namespace OrleansGan.Core.Players;

/// <summary>
/// The discriminator's side of the game: it samples the real data, updates on J_D, and answers fake minibatches
/// with gradient messages dJ_G/dx. It holds both costs because both are functions of its output. J_D, with every
/// stabilizer that adds to it, is written once (<see cref="DiscriminatorCost"/>) and differentiated wherever a move
/// needs it: the ordinary update, the unrolled look-ahead, consensus' field.
/// </summary>
public sealed class DiscriminatorPlayer : IProbeablePlayer<DiscriminatorProbe>
{
    private readonly Generator _stream;
    private readonly PlayerNetwork _network;
    private readonly PlayerOptimizer _optimizer;
    private readonly RealMinibatches _minibatches;
    private ConsensusPending? _consensus;

    /// <summary>Builds the network on the setup's device, initialised from the setup's seed.</summary>
    public DiscriminatorPlayer(DiscriminatorSetup setup)
    {
        TorchRuntime.EnsureLoaded();
        Setup = setup;
        Device = DeviceName.Unavailable(setup.Spec.Device) is { } problem
            ? throw new InvalidOperationException($"discriminator: {problem}")
            : DeviceName.Parse(setup.Spec.Device);
        Data = RealData.For(setup.Data);
        setup.TrainingPart?.Validate();
        TrainingData = setup.TrainingPart is { } part ? Data.Part(part) : Data;

        // A setup without stabilizers plays with all of them off.
        Stabilizers = setup.Stabilizers ?? new StabilizerSpec(1);
        Loss = GanLoss.For(setup.Loss, Stabilizers.RealLabel, setup.Spec.Margin);
        Costs = new ClassLabelCosts(Loss, Stabilizers.ClassLabels, Data.ClassCount);
        Classes = ClassConditioning.Classes(Stabilizers.ClassLabels, setup.Data);
        _stream = new Generator(setup.Seed);
        _network = ClassConditioning.Discriminator(setup.Spec, Classes, Costs.Outputs);
        PlayerNetworks.Prepare(_network, setup.Spec, Data, setup.BatchSize, _stream);
        _network.to(Device);
        _optimizer = new PlayerOptimizer(setup.Spec.Optimizer, _network, setup.Spec.WeightClip);
        _minibatches = RealMinibatches.For(setup.Data, Data, setup.Seed);
    }

    /// <summary>The player's setup.</summary>
    public DiscriminatorSetup Setup { get; }

    /// <inheritdoc />
    public PlayerRole Role => PlayerRole.Discriminator;

    /// <inheritdoc />
    public string SpecifiedDevice => Setup.Spec.Device;

    /// <summary>Where the player's tensors live.</summary>
    public Device Device { get; }

    /// <summary>The real data distribution.</summary>
    public RealData Data { get; }

    /// <summary>The part of the data this player draws its minibatches from: all of it, unless the setup names a part.</summary>
    public RealData TrainingData { get; }

    /// <summary>The game's costs.</summary>
    public GanLoss Loss { get; }

    /// <summary>The costs as functions of the network's output, whatever use the discriminator makes of class labels.</summary>
    public ClassLabelCosts Costs { get; }

    /// <summary>The number of classes the discriminator is conditioned on, D(x, y); 0 when it is unconditional.</summary>
    public int Classes { get; }

    /// <summary>The stabilizers this discriminator plays with (all off when the setup names none).</summary>
    public StabilizerSpec Stabilizers { get; }

    /// <summary>The network, for tests that inspect it.</summary>
    public PlayerNetwork Network => _network;

    /// <summary>Draws a real minibatch from the training stream (fresh, stratified or from the fixed dataset, as the data spec says).</summary>
    public Tensor DrawReal()
    {
        var (samples, labels) = DrawRealLabeled();
        labels.Dispose();
        return samples;
    }

    /// <summary>Draws a real minibatch and its classes from the training stream (the same draws as <see cref="DrawReal"/>).</summary>
    public (Tensor Samples, Tensor Labels) DrawRealLabeled() => _minibatches.Next(Setup.BatchSize, _stream, Device);

    /// <summary>
    /// One step by <paramref name="rule"/> on J_D against a fresh real minibatch and <paramref name="fake"/>, whose
    /// classes <paramref name="fakeLabels"/> a class-conditional discriminator needs (and any other refuses). Both
    /// minibatches get the instance noise of <paramref name="round"/> (drawn after the real minibatch: real's, then fake's).
    /// </summary>
    public DiscriminatorMoveReport Update(Tensor fake, UpdateRule rule = UpdateRule.Plain, Tensor? fakeLabels = null, int round = 0)
    {
        CheckFake(fake, fakeLabels);
        _optimizer.CheckCanStep(rule);
        using var scope = NewDisposeScope();
        return UpdateOn(DrawMinibatch(round), Noisy(fake, round), fakeLabels, rule);
    }

    /// <summary>
    /// An alternating round's discriminator half: one <see cref="Update"/> against each of <paramref name="updates"/> in
    /// turn, then the <see cref="Judge"/> of <paramref name="judged"/> at the parameters reached. Every minibatch and the
    /// rule are checked before the first update, so a bad message in the batch changes nothing.
    /// </summary>
    public (DiscriminatorMoveReport[] Updates, (Tensor Gradient, double GeneratorLoss, double MeanFakeScore) Judgment) UpdateThenJudge(
        IReadOnlyList<(Tensor Fake, Tensor? Labels, int Round)> updates, (Tensor Fake, Tensor? Labels, int Round) judged, UpdateRule rule = UpdateRule.Plain)
    {
        foreach (var (fake, labels, _) in updates)
        {
            CheckFake(fake, labels);
        }

        CheckFake(judged.Fake, judged.Labels);
        if (updates.Count > 0)
        {
            _optimizer.CheckCanStep(rule);
        }

        var reports = updates.Select(u => Update(u.Fake, rule, u.Labels, u.Round)).ToArray();
        return (reports, Judge(judged.Fake, judged.Labels, judged.Round));
    }

    /// <summary>
    /// dJ_G/dx for <paramref name="fake"/> at the current parameters, with J_G and mean D(G(z)); nothing is updated.
    /// With instance noise D judges x + noise, so the message is D's gradient at the noisy point; the noise comes from
    /// <paramref name="noise"/> when given (a picture of the field must leave the training stream untouched), else from
    /// the player's own stream.
    /// </summary>
    public (Tensor Gradient, double GeneratorLoss, double MeanFakeScore) Judge(Tensor fake, Tensor? fakeLabels = null, int round = 0, Generator? noise = null)
    {
        CheckFake(fake, fakeLabels);
        using var scope = NewDisposeScope();
        var x = fake.detach().requires_grad_(true);
        var seen = InstanceNoise.Add(x, InstanceNoise.Std(Stabilizers.InstanceNoise, round), noise ?? _stream);
        var fakeLogits = Output(seen, fakeLabels);
        var cost = GeneratorCost(seen, fakeLogits, null);
        var gradient = Gradients.Of(cost, [x])[0];
        return (gradient.MoveToOuterDisposeScope(), cost.ToDouble(), MeanScore(fakeLogits));
    }

    /// <summary>
    /// Unrolled GAN: dJ_G/dx against this discriminator after <paramref name="steps"/> look-ahead steps of its optimizer
    /// on one real minibatch and <paramref name="fake"/> (differentiated through the steps when
    /// <paramref name="throughSteps"/>), then the ordinary step on the same minibatches. Zero steps is the ordinary judgment.
    /// The look-ahead descends the same J_D as the real step, penalties included, and ends each step with the same weight
    /// clip: Metz et al. unroll the update the discriminator actually makes.
    /// The instance noise of <paramref name="round"/> is drawn once per minibatch (real's, then fake's) and shared by the
    /// look-ahead, the judgment and the step: they all see the same noisy minibatches.
    /// </summary>
    public ((Tensor Gradient, double GeneratorLoss, double MeanFakeScore) Judgment, DiscriminatorMoveReport Update) JudgeUnrolledThenUpdate(
        Tensor fake, int steps, bool throughSteps, Tensor? fakeLabels = null, int round = 0)
    {
        CheckFake(fake, fakeLabels);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        using var scope = NewDisposeScope();
        var real = DrawMinibatch(round);
        var x = fake.detach().requires_grad_(true);
        var seen = Noisy(x, round);
        IReadOnlyList<Tensor> psi = _optimizer.Parameters.Cast<Tensor>().ToList();
        var lookahead = _optimizer.Lookahead();
        for (var k = 0; k < steps; k++)
        {
            var costD = DiscriminatorCost(real, seen, fakeLabels, psi).Value;
            var g = Gradients.Of(costD, psi, retainGraph: true, createGraph: throughSteps);
            psi = throughSteps
                ? lookahead.Step(psi, g)
                : lookahead.Step(psi.Select(p => p.detach()).ToList(), g.Select(t => t.detach()).ToList()).Select(p => p.detach().requires_grad_(true)).ToList();
        }

        var fakeLogits = steps == 0 ? Output(seen, fakeLabels) : Output(seen, fakeLabels, psi);
        var cost = GeneratorCost(seen, fakeLogits, steps == 0 ? null : psi);
        var gradient = Gradients.Of(cost, [x])[0];
        var judgment = (gradient.MoveToOuterDisposeScope(), cost.ToDouble(), MeanScore(fakeLogits));
        return (judgment, UpdateOn(real, seen.detach(), fakeLabels, UpdateRule.Plain));
    }

    /// <summary>Saves the current parameters as the anchor of a later <see cref="UpdateRule.FromAnchor"/> step.</summary>
    public void SaveAnchor() => _optimizer.SaveAnchor();

    /// <summary>
    /// Consensus, first half: on a fresh real minibatch and <paramref name="fake"/>, returns u = dJ_G/dx and
    /// q = d(1/2 |grad_psi J_D|^2)/dx, keeping the graph for <see cref="ConsensusUpdate"/>. Instance noise is drawn
    /// once per minibatch (real's, then fake's), as in the unrolled move.
    /// </summary>
    public (Tensor Gradient, double GeneratorLoss, double MeanFakeScore, Tensor FieldNormGradient) ConsensusJudge(
        Tensor fake, Tensor? fakeLabels = null, int round = 0)
    {
        CheckFake(fake, fakeLabels);
        using var scope = NewDisposeScope();
        var psi = _optimizer.Parameters.Cast<Tensor>().ToList();
        var real = DrawMinibatch(round);
        var x = fake.detach().requires_grad_(true);
        var seen = Noisy(x, round);
        var (costD, realLogits, fakeLogits) = DiscriminatorCost(real, seen, fakeLabels);
        var costG = GeneratorCost(seen, fakeLogits, null);
        var w = Gradients.Of(costD, psi, createGraph: true);
        var u = Gradients.Of(costG, [x], createGraph: true)[0];
        var q = Gradients.Of(Gradients.HalfSquaredNorm(w), [x], retainGraph: true)[0];

        _consensus?.Dispose();
        _consensus = new ConsensusPending(
            x.DetachFromDisposeScope(), u.DetachFromDisposeScope(), w.Select(t => t.DetachFromDisposeScope()).ToList(),
            new DiscriminatorMoveReport(costD.ToDouble(), MeanScore(realLogits), MeanScore(fakeLogits), PlayerParameters.Norm(w)));
        return (u.detach().MoveToOuterDisposeScope(), costG.ToDouble(), MeanScore(fakeLogits), q.detach().MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Consensus, second half: with the generator's tangent t, steps along w + gamma (grad_psi 1/2 |w|^2 + grad_psi (u . t))
    /// and returns s = d(u . t)/dx, the Hessian-vector product the generator needs.
    /// </summary>
    public (Tensor HessianVectorProduct, DiscriminatorMoveReport Report) ConsensusUpdate(Tensor tangent, double weight)
    {
        var pending = _consensus ?? throw new InvalidOperationException("generator tangent received before the consensus judgment");
        if (!pending.Fake.shape.SequenceEqual(tangent.shape))
        {
            throw new ArgumentException(
                $"generator tangent has shape [{string.Join(",", tangent.shape)}] but the fake minibatch has [{string.Join(",", pending.Fake.shape)}]",
                nameof(tangent));
        }

        using var scope = NewDisposeScope();
        var psi = _optimizer.Parameters.Cast<Tensor>().ToList();
        var pairing = (pending.Gradient * tangent).sum();
        var crossTerms = Gradients.Of(pairing, [.. psi, pending.Fake], retainGraph: true);
        var ownTerm = Gradients.Of(Gradients.HalfSquaredNorm(pending.Field), psi, retainGraph: true);
        var direction = pending.Field.Select((w, i) => w.detach() + (weight * (ownTerm[i] + crossTerms[i]))).ToList();
        _optimizer.SetGradients(direction);
        _optimizer.Step(UpdateRule.Plain);
        var hessianVectorProduct = crossTerms[^1].detach().MoveToOuterDisposeScope();
        var report = pending.Report;
        _consensus.Dispose();
        _consensus = null;
        return (hessianVectorProduct, report);
    }

    /// <summary>
    /// Mean D on a fresh real sample (seeded, the training stream untouched) and on <paramref name="fake"/>; a
    /// class-conditional discriminator takes fake sample i to be of class i mod n, as the generator's evaluation
    /// sample is (<see cref="ClassConditioning.Balanced"/>). No instance noise: this measures the discriminator, it does
    /// not train it.
    /// </summary>
    public DiscriminatorEvaluation Evaluate(Tensor fake, ulong seed)
    {
        CheckFake(fake, null, checkLabels: false, wholePacks: false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        var count = (int)fake.shape[0];
        var (real, realLabels) = Data.SampleLabeled(count, stream, Device);
        var fakeLabels = Classes == 0 ? null : ClassConditioning.Balanced(count, Classes);
        return new DiscriminatorEvaluation(MeanScoreByMinibatch(real, realLabels), MeanScoreByMinibatch(fake, fakeLabels));
    }

    /// <summary>
    /// The discriminator's output at each point of <paramref name="x"/>, one value per sample, as a field picture
    /// shows it: sigma(logit) for the cross-entropy games, the raw output for the critics (Wasserstein, hinge, least
    /// squares) and the energy for the energy-based game. A class-conditional discriminator judges point i as class
    /// <paramref name="labels"/>[i]. No instance noise: this reads the function, it does not train it.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The output at a point depends on the other samples judged with it (batch norm, minibatch features, packs), so it
    /// is not a field over the plane.
    /// </exception>
    public Tensor FieldValues(Tensor x, Tensor? labels = null)
    {
        if (FieldProblem(Setup.Spec) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        CheckFake(x, null, checkLabels: false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = Costs.Logit(Output(x, labels)).reshape(-1);
        var values = Loss.Kind switch
        {
            LossKind.Minimax or LossKind.NonSaturating or LossKind.MaximumLikelihood => sigmoid(logits),
            _ => logits,
        };
        return values.MoveToOuterDisposeScope();
    }

    /// <summary>Why a discriminator of this spec has no output at one point alone (null when it has).</summary>
    public static string? FieldProblem(DiscriminatorSpec spec) =>
        spec.Pack > 1 ? $"the discriminator judges packs of {spec.Pack} samples (discriminator.pack), not single points"
        : spec.MinibatchFeatures is { Kernels: > 0 } ? "the discriminator's minibatch features make D(x) depend on the rest of its minibatch"
        : PlayerNetworks.NormalizationOf(spec) == Normalization.Batch ? "the discriminator's batch norm makes D(x) depend on the rest of its minibatch"
        : null;

    // Batch normalisation, minibatch features and packing make D(x) depend on the minibatch x is judged in, so an
    // evaluation sample is judged in minibatches of the game's size, as in training (and minibatch features' pairwise
    // distances stay batch-sized instead of growing with the square of the evaluation sample). A packing discriminator
    // judges the whole packs of the sample only (2,499 of PacGAN3's 2,500 evaluation samples).
    private double MeanScoreByMinibatch(Tensor samples, Tensor? labels)
    {
        var pack = Math.Max(1, Setup.Spec.Pack);
        var count = (int)samples.shape[0] - ((int)samples.shape[0] % pack);
        var size = Math.Max(pack, Setup.BatchSize - (Setup.BatchSize % pack));
        var total = 0.0;
        for (var start = 0; start < count; start += size)
        {
            var n = Math.Min(size, count - start);
            total += n * MeanScore(Output(samples.narrow(0, start, n), labels?.narrow(0, start, n)));
        }

        return total / count;
    }

    /// <summary>Everything needed to continue exactly from here: weights, optimizer and rule state, random stream.</summary>
    public byte[] SaveState() => PlayerStateFormat.Save(Role, _network, _optimizer, _stream, _minibatches);

    /// <summary>Continues from a state <see cref="SaveState"/> wrote; any move in progress is dropped.</summary>
    /// <exception cref="InvalidDataException">The state is not this player's or is damaged.</exception>
    public void RestoreState(byte[] state) => PlayerStateFormat.Restore(state, Role, _network, _optimizer, _stream, _minibatches);

    /// <summary>The current parameters.</summary>
    public ParameterSnapshot Snapshot() => PlayerParameters.Snapshot(_network);

    /// <summary>
    /// The game's value V = -J_D (the loss's own J_D, without penalties or instance noise: the objective both players
    /// are scored by, as Grnarova et al. 2019 and Sidheekh et al. 2021 score it) on <paramref name="fake"/> judged as one
    /// minibatch against as many real samples drawn from <paramref name="seed"/> in <paramref name="part"/> of the data
    /// (all of it when null). A conditional discriminator takes fake sample i to be of class i mod n, as the
    /// generator's sample is.
    /// </summary>
    public double Value(Tensor fake, ulong seed, DataPart? part)
    {
        CheckFake(fake, null, checkLabels: false);
        part?.Validate();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var stream = new Generator(seed);
        var count = (int)fake.shape[0];
        var (real, realLabels) = (part is null ? Data : Data.Part(part)).SampleLabeled(count, stream, Device);
        var fakeLabels = Classes == 0 ? null : ClassConditioning.Balanced(count, Classes);
        return -Costs.Discriminator(Output(real, realLabels), realLabels, Output(fake, fakeLabels)).ToDouble();
    }

    /// <summary>The diagnostics' view of the point this player holds: a copy of its network in the setup's precision.</summary>
    public DiscriminatorProbe OpenProbe(ProbeSetup setup) =>
        new(_network, ClassConditioning.Discriminator(Setup.Spec, Classes, Costs.Outputs), Costs, Stabilizers, Data, Classes, Setup.Spec.Pack,
            setup, PlayerParameters.DTypeOf(setup.Precision), Device);

    /// <summary>A network of this player's architecture holding the weights of <paramref name="state"/> (another round's); the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The state is not a discriminator's of this shape.</exception>
    public PlayerNetwork NetworkOf(byte[] state)
    {
        var network = ClassConditioning.Discriminator(Setup.Spec, Classes, Costs.Outputs);
        using (var scratch = new Generator(0))
        {
            PlayerNetworks.Prepare(network, Setup.Spec, Data, Setup.BatchSize, scratch);
        }

        PlayerStateFormat.RestoreWeights(state, PlayerRole.Discriminator, network);
        return network;
    }

    /// <summary>
    /// Takes the weights of <paramref name="state"/> plus N(0, <paramref name="perturbation"/>^2) noise drawn from
    /// <paramref name="seed"/>, keeping this player's own optimizer and stream (see <see cref="GeneratorPlayer.RestoreWeights"/>).
    /// </summary>
    public void RestoreWeights(byte[] state, double perturbation, ulong seed)
    {
        _consensus?.Dispose();
        _consensus = null;
        PlayerStateFormat.RestoreWeights(state, PlayerRole.Discriminator, _network);
        PlayerParameters.Perturb(_network, perturbation, seed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _consensus?.Dispose();
        _minibatches.Dispose();
        _optimizer.Dispose();
        _network.Dispose();
        _stream.Dispose();
    }

    // sigma(logit) for logit games, the mean energy for the energy-based one (see GanLoss.MeanScore).
    private double MeanScore(Tensor output) => Loss.MeanScore(Costs.Logit(output.detach()));

    // The minibatch as the discriminator sees it in this round: with instance noise, from its own stream.
    private Tensor Noisy(Tensor x, int round) => InstanceNoise.Add(x, InstanceNoise.Std(Stabilizers.InstanceNoise, round), _stream);

    // J_G on the fakes D saw (at psi, or the network's own parameters when null), plus EBGAN-PT's pulling-away term
    // on their codes when the game has one (Zhao et al. 2016, eq. 6).
    private Tensor GeneratorCost(Tensor seen, Tensor fakeLogits, IReadOnlyList<Tensor>? psi) =>
        StabilizedGeneratorCost.Of(Costs, Stabilizers.PullAway, _network, seen, fakeLogits, psi);

    // The network's raw output for samples x with classes y: D(x), or D(x, y) read from [x, onehot(y)] when conditional.
    private Tensor Output(Tensor x, Tensor? labels, IReadOnlyList<Tensor>? parameters = null)
    {
        var input = ClassConditioning.Input(x, Classes == 0 ? null : labels, Classes);
        return parameters is null ? _network.call(input) : _network.ForwardWith(input, parameters);
    }

    // The real minibatch with its classes, then, with a gradient penalty, its interpolation weights eps, then its
    // instance noise for this round (the fakes' noise comes after): the reference trainer draws from its discriminator
    // stream in this order too.
    private RealMinibatch DrawMinibatch(int round)
    {
        var (real, labels) = DrawRealLabeled();
        var mixing = Stabilizers.GradientPenalty > 0 ? GradientPenalty.DrawMixing((int)real.shape[0], _stream, Device) : null;
        return new RealMinibatch(Noisy(real, round), labels, mixing);
    }

    // J_D with its stabilizers, with D at parameters (its own when null).
    private (Tensor Value, Tensor RealLogits, Tensor FakeLogits) DiscriminatorCost(
        RealMinibatch real, Tensor fake, Tensor? fakeLabels, IReadOnlyList<Tensor>? parameters = null) =>
        StabilizedDiscriminatorCost.Of(Costs, Stabilizers, (x, labels) => Output(x, labels, parameters),
            real.Samples, real.Labels, real.Mixing, fake, fakeLabels);

    private DiscriminatorMoveReport UpdateOn(RealMinibatch real, Tensor fake, Tensor? fakeLabels, UpdateRule rule)
    {
        var (cost, realLogits, fakeLogits) = DiscriminatorCost(real, fake.detach(), fakeLabels);
        _optimizer.ZeroGrad();
        cost.backward();
        var norm = _optimizer.GradientNorm();
        _optimizer.Step(rule);
        return new DiscriminatorMoveReport(cost.ToDouble(), MeanScore(realLogits), MeanScore(fakeLogits), norm);
    }

    private void CheckFake(Tensor fake, Tensor? labels, bool checkLabels = true, bool wholePacks = true)
    {
        if (fake.ndim != 2 || fake.shape[1] != Setup.Spec.InputSize)
        {
            throw new ArgumentException(
                $"fake minibatch has shape [{string.Join(",", fake.shape)}]; the discriminator takes [batch, {Setup.Spec.InputSize}]",
                nameof(fake));
        }

        if (wholePacks ? fake.shape[0] % Setup.Spec.Pack != 0 : fake.shape[0] < Setup.Spec.Pack)
        {
            throw new ArgumentException(
                $"fake minibatch of {fake.shape[0]} samples cannot be cut into packs of {Setup.Spec.Pack} (discriminator.pack)", nameof(fake));
        }

        if (checkLabels && ClassConditioning.Problem(labels, fake.shape[0], Classes) is { } problem)
        {
            throw new ArgumentException($"fake minibatch {problem}", nameof(labels));
        }
    }

    private sealed record RealMinibatch(Tensor Samples, Tensor Labels, Tensor? Mixing);

    private sealed record ConsensusPending(Tensor Fake, Tensor Gradient, List<Tensor> Field, DiscriminatorMoveReport Report) : IDisposable
    {
        public void Dispose()
        {
            Fake.Dispose();
            Gradient.Dispose();
            foreach (var t in Field)
            {
                t.Dispose();
            }
        }
    }
}
