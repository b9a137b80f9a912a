namespace Graph.AspNetCore.DataLoader;

/// <summary>
/// Where a fetch puts what it found for the keys of one batch: a value or an error per key.
/// Nothing reaches the waiting fields until the fetch returns, so a fetch that throws half-way
/// fails its whole batch rather than leaving some keys answered and others failed.
/// Not thread-safe: fill it from the fetch's own flow.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class BatchResults<TKey, TValue>
    where TKey : notnull
{
    private readonly TKey[] _keys;
    private readonly Slot[] _slots;
    private Dictionary<TKey, int>? _indexOf;

    internal BatchResults(TKey[] keys)
    {
        _keys = keys;
        _slots = new Slot[keys.Length];
    }

    /// <summary>The keys of this batch, distinct, in the order they were first asked for.</summary>
    public IReadOnlyList<TKey> Keys => _keys;

    /// <summary>Answers <paramref name="key"/> with <paramref name="value"/>. A key outside the batch is ignored.</summary>
    public void SetValue(TKey key, TValue value)
    {
        if (TryFind(key, out var index))
        {
            SetValueAt(index, value);
        }
    }

    /// <summary>
    /// Answers every key of the batch that <paramref name="values"/> contains; the others stay
    /// unanswered (missing). Entries for keys outside the batch are ignored.
    /// </summary>
    public void SetValues(IReadOnlyDictionary<TKey, TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (values.TryGetValue(_keys[i], out var value))
            {
                SetValueAt(i, value);
            }
        }
    }

    /// <summary>
    /// Fails <paramref name="key"/> alone: only the fields that asked for it see
    /// <paramref name="error"/>, and the error stays cached for the rest of the request.
    /// A key outside the batch is ignored.
    /// </summary>
    public void SetError(TKey key, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (TryFind(key, out var index))
        {
            _slots[index] = new Slot(default!, error, IsAnswered: true);
        }
    }

    internal void SetValueAt(int index, TValue value) => _slots[index] = new Slot(value, null, IsAnswered: true);

    internal bool IsAnswered(int index) => _slots[index].IsAnswered;

    internal TValue ValueAt(int index) => _slots[index].Value;

    internal Exception? ErrorAt(int index) => _slots[index].Error;

    // The key → position index is built only when a fetch answers key by key; answering from a
    // dictionary walks the batch's keys instead and needs no index.
    private bool TryFind(TKey key, out int index)
    {
        if (_indexOf is null)
        {
            _indexOf = new Dictionary<TKey, int>(_keys.Length);
            for (var i = 0; i < _keys.Length; i++)
            {
                _indexOf[_keys[i]] = i;
            }
        }

        return _indexOf.TryGetValue(key, out index);
    }

    private readonly record struct Slot(TValue Value, Exception? Error, bool IsAnswered);
}
