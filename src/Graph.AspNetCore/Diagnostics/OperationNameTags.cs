namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The operation names metrics may carry as tags. Names are chosen by clients, and every distinct
/// tag value is a time series kept for as long as the process runs, so: a document that did not
/// parse or validate is tagged <see cref="Unvalidated"/>; the trusted documents' names are always
/// tagged; other validated documents' names are tagged until <see cref="MaxOtherNames"/> distinct
/// ones have been seen, and later ones are <see cref="Other"/>.
/// </summary>
internal sealed class OperationNameTags
{
    /// <summary>The tag of an operation whose document did not parse or validate.</summary>
    public const string Unvalidated = "(unvalidated)";

    /// <summary>The tag of a validated operation past the cap on distinct names.</summary>
    public const string Other = "(other)";

    /// <summary>How many distinct names besides the trusted documents' are tagged.</summary>
    public const int MaxOtherNames = 200;

    private readonly HashSet<string> _trusted;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _others = new(StringComparer.Ordinal);
    private int _otherCount;

    public OperationNameTags(IEnumerable<string> trustedNames) => _trusted = new HashSet<string>(trustedNames, StringComparer.Ordinal);

    /// <summary>The tag for an operation name, or null for an anonymous operation.</summary>
    public string? For(string? name, bool validated)
    {
        if (name is null)
        {
            return null;
        }

        if (!validated)
        {
            return Unvalidated;
        }

        if (_trusted.Contains(name) || _others.ContainsKey(name))
        {
            return name;
        }

        if (Interlocked.Increment(ref _otherCount) > MaxOtherNames)
        {
            Interlocked.Decrement(ref _otherCount);
            return Other;
        }

        if (!_others.TryAdd(name, true))
        {
            // Another request added it meanwhile.
            Interlocked.Decrement(ref _otherCount);
        }

        return name;
    }
}
