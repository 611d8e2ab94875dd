using OrleansGan.Abstractions.Game;

namespace OrleansGan.Live;

/// <summary>
/// A game's round records as its curves need them, in bounded memory: consecutive rounds are averaged in buckets of
/// equal size (1 round, then 2, 4, ... whenever more than <see cref="Capacity"/> buckets would be held), each bucket
/// drawn as one point at its last round, so a curve of a million rounds is still the mean of every round it covers.
/// </summary>
public sealed class RoundCurve
{
    /// <summary>Buckets held at most (the curves' points; 4,096 of about 100 bytes each).</summary>
    public const int Capacity = 4096;

    private readonly List<Bucket> _buckets = [];
    private int _size = 1;

    /// <summary>The rounds the buckets cover: the records after these are the ones still to be paged.</summary>
    public int Count { get; private set; }

    /// <summary>Rounds each full bucket averages.</summary>
    public int BucketSize => _size;

    /// <summary>One record per bucket: the mean of its rounds, at its last round.</summary>
    public RoundRecord[] Points => [.. _buckets.Select(b => b.Mean())];

    public void Add(RoundRecord round)
    {
        if (_buckets.Count == 0 || _buckets[^1].Rounds == _size)
        {
            _buckets.Add(new Bucket());
        }

        _buckets[^1].Add(round);
        Count++;
        if (_buckets.Count > Capacity)
        {
            // Every bucket but the last is full: merge them in pairs, so all full buckets keep one size.
            var merged = new List<Bucket>((_buckets.Count + 1) / 2);
            for (var i = 0; i < _buckets.Count; i += 2)
            {
                merged.Add(i + 1 < _buckets.Count ? _buckets[i].With(_buckets[i + 1]) : _buckets[i]);
            }

            _buckets.Clear();
            _buckets.AddRange(merged);
            _size *= 2;
        }
    }

    /// <summary>
    /// Forgets the rounds from the <paramref name="count"/>-th on (the game went back to a checkpoint): the bucket that
    /// holds round <paramref name="count"/> goes whole, so <see cref="Count"/> may fall below it and the rounds in
    /// between are paged again.
    /// </summary>
    public void TruncateTo(int count)
    {
        while (Count > count && _buckets.Count > 0)
        {
            Count -= _buckets[^1].Rounds;
            _buckets.RemoveAt(_buckets.Count - 1);
        }
    }

    private sealed class Bucket
    {
        private double _dLoss, _gLoss, _real, _fake, _dNorm, _gNorm;
        private RoundRecord? _last;

        public int Rounds { get; private set; }

        public void Add(RoundRecord r)
        {
            _dLoss += r.DiscriminatorLoss;
            _gLoss += r.GeneratorLoss;
            _real += r.MeanRealScore;
            _fake += r.MeanFakeScore;
            _dNorm += r.DiscriminatorGradientNorm;
            _gNorm += r.GeneratorGradientNorm;
            _last = r;
            Rounds++;
        }

        public Bucket With(Bucket next) => new()
        {
            _dLoss = _dLoss + next._dLoss, _gLoss = _gLoss + next._gLoss, _real = _real + next._real, _fake = _fake + next._fake,
            _dNorm = _dNorm + next._dNorm, _gNorm = _gNorm + next._gNorm, _last = next._last, Rounds = Rounds + next.Rounds,
        };

        public RoundRecord Mean() => new(_last!.Round, _dLoss / Rounds, _gLoss / Rounds, _real / Rounds, _fake / Rounds, _dNorm / Rounds, _gNorm / Rounds);
    }
}
