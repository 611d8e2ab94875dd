using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Randomness;
using static TorchSharp.torch;

namespace OrleansGan.Core.Data;

/// <summary>
/// The real minibatches the discriminator trains on, as its data spec asks: fresh draws from the distribution (the
/// default), stratified draws (each mode equally often in every minibatch), or passes over a fixed finite dataset.
/// The randomness of every minibatch comes from the stream the caller passes (the discriminator's), so the player and
/// the reference trainer, drawing in the same order, see the same minibatches.
/// </summary>
public abstract class RealMinibatches : IDisposable
{
    /// <summary>The minibatches <paramref name="spec"/> asks for, from <paramref name="data"/>, for a discriminator seeded <paramref name="discriminatorSeed"/>.</summary>
    public static RealMinibatches For(DataSpec spec, RealData data, ulong discriminatorSeed)
    {
        if (spec.Size is { } size)
        {
            return new FixedDataset(data, size, PlayerSeeds.Dataset(discriminatorSeed));
        }

        if (spec.Stratified)
        {
            return data is GaussianMixture mixture
                ? new Stratified(mixture)
                : throw new ArgumentException($"stratified minibatches need a mixture's modes; {spec.Kind} has none", nameof(spec));
        }

        return new Fresh(data);
    }

    /// <summary>
    /// The next <paramref name="count"/> real samples [count, dimension] and their classes [count] (int64), on
    /// <paramref name="device"/>, drawing whatever randomness they need from <paramref name="stream"/>.
    /// </summary>
    public abstract (Tensor Samples, Tensor Labels) Next(int count, Generator stream, Device device);

    /// <summary>True when the minibatches have a position to keep across a checkpoint (a fixed dataset's place in its pass).</summary>
    public virtual bool HasState => false;

    /// <summary>Writes the position (nothing when <see cref="HasState"/> is false).</summary>
    public virtual void Write(BinaryWriter writer)
    {
    }

    /// <summary>Continues from a position <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The position is not one of this dataset's; nothing was changed.</exception>
    public virtual void Read(BinaryReader reader)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the tensors held.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    // Every minibatch a fresh i.i.d. draw: exactly RealData.SampleLabeled, so games without a data option are unchanged.
    private sealed class Fresh(RealData data) : RealMinibatches
    {
        public override (Tensor Samples, Tensor Labels) Next(int count, Generator stream, Device device) =>
            data.SampleLabeled(count, stream, device);
    }

    private sealed class Stratified(GaussianMixture mixture) : RealMinibatches
    {
        public override (Tensor Samples, Tensor Labels) Next(int count, Generator stream, Device device) =>
            mixture.SampleStratified(count, stream, device);
    }

    /// <summary>
    /// N samples drawn once, visited in passes. Each pass's order is a permutation drawn from a seed that is itself
    /// drawn from the caller's stream when the pass begins, so the whole position is (that seed, how far the pass has
    /// got): a checkpoint keeps 12 bytes rather than the N indices of the permutation.
    /// </summary>
    private sealed class FixedDataset : RealMinibatches
    {
        private readonly Tensor _samples;
        private readonly Tensor _labels;
        private readonly int _size;
        private Tensor? _order;
        private long _passSeed;
        private int _position;

        public FixedDataset(RealData data, int size, ulong seed)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
            _size = size;
            using var stream = new Generator(seed);
            (_samples, _labels) = data.SampleLabeled(size, stream, CPU);
            _samples = _samples.DetachFromDisposeScope();
            _labels = _labels.DetachFromDisposeScope();
        }

        public override bool HasState => true;

        public override (Tensor Samples, Tensor Labels) Next(int count, Generator stream, Device device)
        {
            using var scope = NewDisposeScope();
            var pieces = new List<Tensor>();
            for (var remaining = count; remaining > 0;)
            {
                if (_order is null || _position == _size)
                {
                    using var seed = randint(0, long.MaxValue, [1], dtype: ScalarType.Int64, generator: stream);
                    BeginPass(seed.item<long>(), 0);
                }

                var take = Math.Min(remaining, _size - _position);
                pieces.Add(_order!.narrow(0, _position, take));
                _position += take;
                remaining -= take;
            }

            var indices = pieces.Count == 1 ? pieces[0] : cat(pieces);
            return (_samples.index_select(0, indices).to(device).MoveToOuterDisposeScope(),
                _labels.index_select(0, indices).to(device).MoveToOuterDisposeScope());
        }

        public override void Write(BinaryWriter writer)
        {
            writer.Write(_order is not null);
            writer.Write(_passSeed);
            writer.Write(_position);
        }

        public override void Read(BinaryReader reader)
        {
            var started = reader.ReadBoolean();
            var passSeed = reader.ReadInt64();
            var position = reader.ReadInt32();
            if (position < 0 || position > _size || passSeed < 0 || (!started && position != 0))
            {
                throw new InvalidDataException($"dataset position {position} of seed {passSeed} is not a place in a pass over {_size} samples");
            }

            if (started)
            {
                BeginPass(passSeed, position);
            }
            else
            {
                _order?.Dispose();
                (_order, _passSeed, _position) = (null, 0, 0);
            }
        }

        protected override void Dispose(bool disposing)
        {
            _samples.Dispose();
            _labels.Dispose();
            _order?.Dispose();
            base.Dispose(disposing);
        }

        private void BeginPass(long seed, int position)
        {
            using var shuffle = new Generator((ulong)seed);
            _order?.Dispose();
            _order = randperm(_size, generator: shuffle).DetachFromDisposeScope();
            (_passSeed, _position) = (seed, position);
        }
    }
}
