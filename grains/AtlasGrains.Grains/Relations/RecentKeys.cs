namespace AtlasGrains.Grains.Relations;

/// <summary>
/// A bounded set of keys seen lately. It only steers a guess (see <see cref="RelationLedger"/>), so forgetting
/// everything when it fills up is fine: correctness never depends on what it remembers.
/// </summary>
internal sealed class RecentKeys(int capacity)
{
    // Allocated with the first key: most places are never written to while active.
    private HashSet<string>? _keys;

    public bool Contains(string key) => _keys?.Contains(key) == true;

    public void Remember(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _keys ??= new HashSet<string>(StringComparer.Ordinal);
            if (_keys.Count >= capacity)
            {
                _keys.Clear();
            }

            _keys.Add(key);
        }
    }
}
