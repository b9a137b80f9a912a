using Graph.AspNetCore.Introspection;
using GraphQL.Types;

namespace Graph.AspNetCore.Scalars;

/// <summary>
/// The <c>DateTime</c> scalar, <c>@specifiedBy</c> RFC 3339: graphql-dotnet's, except that a value is always
/// written in UTC with its <c>Z</c>. The engine writes a <see cref="DateTime"/> of unspecified kind with no
/// offset at all, which is not an RFC 3339 <c>date-time</c>; such a value is taken to be UTC, as the engine
/// already takes an input without an offset.
/// </summary>
public sealed class Rfc3339DateTimeGraphType : DateTimeGraphType
{
    /// <summary>Creates the scalar.</summary>
    public Rfc3339DateTimeGraphType()
    {
        Name = "DateTime";
        Description = "A point in time: an RFC 3339 `date-time`, written in UTC (`2026-01-01T09:00:00Z`, with fractions of a "
            + "second when there are any). An input may carry any offset; one without an offset is read as UTC.";
        this.SpecifiedBy(ScalarSpecifications.DateTimeRfc3339);
    }

    /// <inheritdoc />
    public override object? Serialize(object? value) => base.Serialize(value switch
    {
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => value,
    });
}
