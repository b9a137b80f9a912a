namespace Graph.AspNetCore.Scalars;

/// <summary>The documents the custom scalars' <c>@specifiedBy(url:)</c> point at.</summary>
public static class ScalarSpecifications
{
    /// <summary>
    /// RFC 3339's <c>date-time</c>. Not scalars.graphql.org's <c>andimarek/date-time</c>, which requires
    /// exactly three digits of fractions of a second: graphql-dotnet writes as many as the value has.
    /// </summary>
    public const string DateTimeRfc3339 = "https://www.rfc-editor.org/rfc/rfc3339#section-5.6";

    /// <summary>A decimal number written as a JSON number (never a string), as <c>DecimalGraphType</c> writes it.</summary>
    public const string DecimalNumber = "https://scalars.graphql.org/chillicream/decimal.html";
}
