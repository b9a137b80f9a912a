using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Graph.AspNetCore.Data;

/// <summary>
/// What keyset paging needs of a sort key's CLR type: writing a value into a cursor, reading it back
/// (strictly: a cursor is untrusted input), and comparing a column with a value in a way EF Core
/// translates to SQL.
/// </summary>
internal abstract class KeyType
{
    private static readonly FrozenDictionary<Type, KeyType> Types = new KeyType[]
    {
        new Of<int>(static (w, v) => w.WriteNumberValue(v), static e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : null),
        new Of<long>(static (w, v) => w.WriteNumberValue(v), static e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : null),
        new Of<decimal>(static (w, v) => w.WriteNumberValue(v), static e => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var v) ? v : null),
        new Of<double>(static (w, v) => w.WriteNumberValue(v), static e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) ? v : null),
        new OfString(),
        new Of<DateTime>(
            static (w, v) => w.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture)),
            static e => e.ValueKind == JsonValueKind.String
                && DateTime.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var v) ? v : null),
        new Of<DateTimeOffset>(
            static (w, v) => w.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture)),
            static e => e.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null),
        new Of<Guid>(
            static (w, v) => w.WriteStringValue(v.ToString("D")),
            static e => e.ValueKind == JsonValueKind.String && Guid.TryParseExact(e.GetString(), "D", out var v) ? v : null),
    }.ToFrozenDictionary(type => type.ClrType);

    /// <summary>The CLR type of the key's values.</summary>
    public abstract Type ClrType { get; }

    /// <summary>The key type of a CLR type; null when keyset paging cannot order by it.</summary>
    public static KeyType? For(Type clrType) => Types.GetValueOrDefault(clrType);

    /// <summary>Writes a value into a cursor.</summary>
    public abstract void Write(Utf8JsonWriter writer, object value);

    /// <summary>Reads a value from a cursor; false when the element is not a value of this type.</summary>
    public abstract bool TryRead(JsonElement element, [NotNullWhen(true)] out object? value);

    /// <summary>
    /// <c>column op value</c> for <see cref="ExpressionType.Equal"/>, <see cref="ExpressionType.GreaterThan"/>
    /// and <see cref="ExpressionType.LessThan"/>. Numbers, dates and ids use their operators.
    /// </summary>
    public virtual Expression Compare(ExpressionType comparison, Expression column, Expression value) =>
        Expression.MakeBinary(comparison, column, value);

    private sealed class Of<T>(Action<Utf8JsonWriter, T> write, Func<JsonElement, T?> read) : KeyType
        where T : struct
    {
        public override Type ClrType => typeof(T);

        public override void Write(Utf8JsonWriter writer, object value) => write(writer, (T)value);

        public override bool TryRead(JsonElement element, [NotNullWhen(true)] out object? value)
        {
            value = read(element);
            return value is not null;
        }
    }

    /// <summary>
    /// Strings have no <c>&lt;</c> in C#: <c>string.Compare(column, value) &gt; 0</c> is the form EF Core
    /// translates to <c>column &gt; value</c> (the database's collation then decides, as in ORDER BY).
    /// </summary>
    private sealed class OfString : KeyType
    {
        private static readonly MethodInfo CompareMethod = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

        public override Type ClrType => typeof(string);

        public override void Write(Utf8JsonWriter writer, object value) => writer.WriteStringValue((string)value);

        public override bool TryRead(JsonElement element, [NotNullWhen(true)] out object? value)
        {
            value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            return value is not null;
        }

        public override Expression Compare(ExpressionType comparison, Expression column, Expression value) =>
            comparison == ExpressionType.Equal
                ? Expression.Equal(column, value)
                : Expression.MakeBinary(comparison, Expression.Call(CompareMethod, column, value), Expression.Constant(0));
    }
}
