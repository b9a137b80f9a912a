using System.Text;

namespace Graph.Api.Catalog;

/// <summary>URL names made from display names: lower-case ASCII letters and digits joined by dashes.</summary>
public static class Slugs
{
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var dash = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && builder.Length > 0 && (char.IsWhiteSpace(c) || c is '-' or '_' or '&' or '/' or '.'))
            {
                builder.Append('-');
                dash = true;
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
