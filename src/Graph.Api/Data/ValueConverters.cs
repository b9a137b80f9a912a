using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Data;

/// <summary>Reads every <see cref="DateTime"/> back as UTC; writes it as UTC.</summary>
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Money as whole cents; amounts carry at most two decimals.</summary>
internal sealed class MoneyAsCentsConverter()
    : ValueConverter<decimal, long>(
        v => (long)decimal.Round(v * 100m, 0, MidpointRounding.AwayFromZero),
        v => v / 100m);
