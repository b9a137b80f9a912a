using System.Text;

namespace Graph.Api.Accounts;

/// <summary>
/// Emails are compared in Unicode NFKC (<see cref="User.NormalizeEmail"/>). Where the runtime cannot
/// normalise (globalization-invariant mode, or no ICU on the host) <c>string.Normalize</c> leaves
/// non-ASCII text unchanged, and "Ａlice@example.com" would become a second account; so the server
/// refuses to start instead.
/// </summary>
public static class UnicodeCheck
{
    public static void EnsureNormalizationWorks()
    {
        if ("\uFF21".Normalize(NormalizationForm.FormKC) != "A")
        {
            throw new InvalidOperationException(
                "Unicode normalisation is not available (globalization-invariant mode or no ICU library); "
                + "emails could not be compared safely. Install ICU (libicu) or use a container image that has it.");
        }
    }
}
