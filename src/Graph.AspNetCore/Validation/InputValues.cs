using System.Collections;

namespace Graph.AspNetCore.Validation;

/// <summary>Equality of request input values as the JSON reader gives them: scalars, lists and maps (<see cref="GraphQL.Inputs"/> and dictionaries).</summary>
internal static class InputValues
{
    /// <summary>
    /// Whether two values are the same input: maps with the same keys and equal values, lists with
    /// equal items in order, scalars of the same type and value (<c>12</c> and <c>12.0</c> differ).
    /// </summary>
    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        switch (a)
        {
            case string:
                return a.Equals(b);
            case IReadOnlyDictionary<string, object?> map:
                var other = (IReadOnlyDictionary<string, object?>)b;
                if (map.Count != other.Count)
                {
                    return false;
                }

                foreach (var (key, value) in map)
                {
                    if (!other.TryGetValue(key, out var otherValue) || !AreEqual(value, otherValue))
                    {
                        return false;
                    }
                }

                return true;
            case IEnumerable items:
                var others = ((IEnumerable)b).GetEnumerator();
                foreach (var item in items)
                {
                    if (!others.MoveNext() || !AreEqual(item, others.Current))
                    {
                        return false;
                    }
                }

                return !others.MoveNext();
            default:
                return a.Equals(b);
        }
    }
}
