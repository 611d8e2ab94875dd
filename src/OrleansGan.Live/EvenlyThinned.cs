namespace OrleansGan.Live;

/// <summary>
/// A bounded, evenly spread selection of a sequence whose length is not known in advance (a game may end early or be
/// resumed): items 0, s, 2s, ... of everything added, s doubling whenever more than <paramref name="capacity"/> are
/// held, so between capacity / 2 and capacity items are kept once the sequence is long, the first always among them;
/// <see cref="Items"/> adds the latest item when it is not one of them. Written here because the animation's frames,
/// the digits' progress rows and the live page's evaluations must be chosen before the last one is known.
/// </summary>
/// <typeparam name="T">The items.</typeparam>
/// <param name="capacity">Items kept at most, besides the latest.</param>
public sealed class EvenlyThinned<T>(int capacity)
{
    private readonly List<(int Index, T Item)> _kept = [];
    private (int Index, T Item)? _latest;
    private int _stride = 1;

    /// <summary>Items added so far (kept or not).</summary>
    public int Count { get; private set; }

    /// <summary>The kept items in the order they were added, and the latest one.</summary>
    public IReadOnlyList<T> Items =>
        _latest is { } latest && (_kept.Count == 0 || _kept[^1].Index != latest.Index)
            ? [.. _kept.Select(k => k.Item), latest.Item]
            : _kept.Select(k => k.Item).ToList();

    /// <summary>The latest item added; default when none is.</summary>
    public T? Latest => _latest is { } latest ? latest.Item : default;

    /// <summary>Adds the next item of the sequence.</summary>
    public void Add(T item)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (Count % _stride == 0)
        {
            _kept.Add((Count, item));
            if (_kept.Count > capacity)
            {
                _stride *= 2;
                _kept.RemoveAll(k => k.Index % _stride != 0);
            }
        }

        _latest = (Count, item);
        Count++;
    }

    /// <summary>Forgets every item from the <paramref name="count"/>-th on (a game that went back to a checkpoint).</summary>
    public void TruncateTo(int count)
    {
        if (count >= Count)
        {
            return;
        }

        _kept.RemoveAll(k => k.Index >= count);
        _latest = _kept.Count > 0 ? _kept[^1] : null;
        Count = count;
        if (_latest is { } latest && latest.Index != count - 1)
        {
            // The latest item is gone: the sequence now ends with one it did not keep.
            _latest = null;
        }
    }
}
