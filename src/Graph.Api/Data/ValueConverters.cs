using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Data;

/// <summary>Reads every <see cref="DateTime"/> back as UTC; writes it as UTC.</summary>
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>
/// Money as whole cents; amounts carry at most two decimals. An amount beyond what the column holds
/// becomes the column's extreme: written amounts are validated long before (the money scalar's
/// range), so only a comparison meets one (a forged paging cursor's price), and against the extreme
/// it compares with every stored amount exactly as the amount itself would — with no overflow.
/// </summary>
internal sealed class MoneyAsCentsConverter()
    : ValueConverter<decimal, long>(
        v => ToCents(v),
        v => v / 100m)
{
    private const decimal MaxAmount = long.MaxValue / 100m;

    private static long ToCents(decimal amount) =>
        amount >= MaxAmount ? long.MaxValue
        : amount <= -MaxAmount ? long.MinValue
        : (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);
}
