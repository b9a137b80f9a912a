namespace Graph.AspNetCore.Data;

/// <summary>Which operation input filters a value of a CLR type.</summary>
internal static class OperationFilterInputTypes
{
    /// <summary>The operation input's graph type for values of <paramref name="valueType"/> (nullable or not).</summary>
    /// <exception cref="ArgumentException">No operation input filters this type.</exception>
    public static Type For(Type valueType)
    {
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (type.IsEnum)
        {
            return typeof(EnumOperationFilterInputType<>).MakeGenericType(type);
        }

        return type switch
        {
            _ when type == typeof(string) => typeof(StringOperationFilterInputType),
            _ when type == typeof(bool) => typeof(BooleanOperationFilterInputType),
            _ when type == typeof(int) => typeof(IntOperationFilterInputType),
            _ when type == typeof(long) => typeof(LongOperationFilterInputType),
            _ when type == typeof(decimal) => typeof(DecimalOperationFilterInputType),
            _ when type == typeof(double) => typeof(FloatOperationFilterInputType),
            _ when type == typeof(DateTime) => typeof(DateTimeOperationFilterInputType),
            _ when type == typeof(DateTimeOffset) => typeof(DateTimeOffsetOperationFilterInputType),
            _ when type == typeof(Guid) => typeof(GuidOperationFilterInputType),
            _ => throw new ArgumentException($"No filter operations exist for values of type {valueType.Name}.", nameof(valueType)),
        };
    }
}
