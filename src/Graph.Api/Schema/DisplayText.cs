using System.Globalization;
using Graph.AspNetCore.Validation;

namespace Graph.Api.Schema;

/// <summary>
/// Input validators for text that people are shown (names, descriptions, display names, review
/// bodies). Such text may not hold control characters (C0 and C1, DEL; tab and line breaks only in
/// multi-line text) nor the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that make a name read differently from what it is. A refused value is an
/// <c>INVALID_VALUE</c> error at validation, with the field's path, as for any malformed value; the
/// mutations' typed errors stay for their domain rules (length, uniqueness).
/// </summary>
public static class DisplayText
{
    /// <summary>The validator of a one-line field named <paramref name="field"/>: no control character at all.</summary>
    public static Action<object> SingleLine(string field) => value => Check(field, value, multiLine: false);

    /// <summary>The validator of a multi-line field named <paramref name="field"/>: tab, line feed and carriage return are allowed.</summary>
    public static Action<object> MultiLine(string field) => value => Check(field, value, multiLine: true);

    /// <summary>The index of the first character not allowed in such text, or -1.</summary>
    public static int IndexOfForbidden(string text, bool multiLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = !char.IsControl(c) || (multiLine && c is '\t' or '\n' or '\r');
            if (!allowed || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return i;
            }
        }

        return -1;
    }

    // The message names the field: in a variable nested in a literal the engine reports only the argument.
    private static void Check(string field, object value, bool multiLine)
    {
        if (value is string text && IndexOfForbidden(text, multiLine) is var index and >= 0)
        {
            throw new InvalidValueException(string.Create(
                CultureInfo.InvariantCulture,
                $"{field} may not contain U+{(int)text[index]:X4}: control characters{(multiLine ? " other than tab and line breaks" : string.Empty)} and bidirectional formatting characters are refused in text shown to people."));
        }
    }
}
