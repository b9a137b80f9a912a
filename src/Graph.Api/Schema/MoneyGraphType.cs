using System.Globalization;
using Graph.AspNetCore.Introspection;
using Graph.AspNetCore.Scalars;
using Graph.AspNetCore.Validation;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.Api.Schema;

/// <summary>
/// The schema's <c>Decimal</c> scalar, limited on input to what a money column holds, so that an
/// out-of-range filter or price is an <c>INVALID_VALUE</c> error at validation instead of an overflow
/// when EF Core converts it to cents (SQLite) or an error from PostgreSQL. Output is written without
/// trailing zeros: PostgreSQL's <c>numeric(12, 2)</c> reads back <c>20.00</c> where SQLite's cents
/// read back <c>20</c>, and a response must not depend on the database.
/// </summary>
/// <remarks>
/// SQLite keeps whole cents in a 64-bit integer (up to about 9.2 × 10^16 units); PostgreSQL a
/// <c>numeric(12, 2)</c>. The narrower of the two is the limit, so a request means the same on both.
/// </remarks>
public sealed class MoneyGraphType : DecimalGraphType
{
    /// <summary>The largest magnitude accepted: 10 integer digits and 2 decimals.</summary>
    public const decimal Limit = 9_999_999_999.99m;

    public MoneyGraphType()
    {
        Name = "Decimal";
        Description = "A decimal number, written as a JSON number (`4.99`); amounts of money have at most 2 decimals.";
        this.SpecifiedBy(ScalarSpecifications.DecimalNumber);
    }

    public override object? ParseLiteral(GraphQLValue value) => Check(base.ParseLiteral(value));

    public override object? ParseValue(object? value) => Check(base.ParseValue(value));

    // Dividing by one with many zeros gives the value at its smallest scale (20.00 → 20, 4.50 → 4.5).
    public override object? Serialize(object? value) =>
        base.Serialize(value) is decimal amount ? amount / 1.000000000000000000000000000000000m : base.Serialize(value);

    private static object? Check(object? value) =>
        value is decimal amount && Math.Abs(amount) > Limit
            ? throw new InvalidValueException(string.Create(CultureInfo.InvariantCulture, $"a Decimal here is at most {Limit} in magnitude."))
            : value;
}
