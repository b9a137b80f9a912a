using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// <c>input {Scalar}OperationFilterInput { eq neq in nin gt gte lt lte }</c>: the conditions on an
/// ordered scalar (numbers, dates, ids).
/// </summary>
public abstract class ComparableOperationFilterInputType<TScalarGraphType> : InputObjectGraphType
    where TScalarGraphType : ScalarGraphType
{
    /// <summary>Creates the input for the scalar named <paramref name="scalarName"/>.</summary>
    protected ComparableOperationFilterInputType(string scalarName)
    {
        Name = $"{scalarName}OperationFilterInput";
        Description = $"Conditions on a {scalarName} value; every one given must hold.";
        Field<TScalarGraphType>(FilterOperations.Equal).Description("Equal to the value; null matches a missing value.");
        Field<TScalarGraphType>(FilterOperations.NotEqual).Description("Not equal to the value; null matches a present value.");
        Field<ListGraphType<NonNullGraphType<TScalarGraphType>>>(FilterOperations.In).Description("One of the values.");
        Field<ListGraphType<NonNullGraphType<TScalarGraphType>>>(FilterOperations.NotIn).Description("None of the values.");
        Field<TScalarGraphType>(FilterOperations.GreaterThan).Description("Greater than the value.");
        Field<TScalarGraphType>(FilterOperations.GreaterThanOrEqual).Description("Greater than or equal to the value.");
        Field<TScalarGraphType>(FilterOperations.LessThan).Description("Less than the value.");
        Field<TScalarGraphType>(FilterOperations.LessThanOrEqual).Description("Less than or equal to the value.");
    }
}

/// <summary><c>IntOperationFilterInput</c>.</summary>
public sealed class IntOperationFilterInputType() : ComparableOperationFilterInputType<IntGraphType>("Int");

/// <summary><c>LongOperationFilterInput</c>.</summary>
public sealed class LongOperationFilterInputType() : ComparableOperationFilterInputType<LongGraphType>("Long");

/// <summary><c>DecimalOperationFilterInput</c>.</summary>
public sealed class DecimalOperationFilterInputType() : ComparableOperationFilterInputType<DecimalGraphType>("Decimal");

/// <summary><c>FloatOperationFilterInput</c>.</summary>
public sealed class FloatOperationFilterInputType() : ComparableOperationFilterInputType<FloatGraphType>("Float");

/// <summary><c>DateTimeOperationFilterInput</c>.</summary>
public sealed class DateTimeOperationFilterInputType() : ComparableOperationFilterInputType<DateTimeGraphType>("DateTime");

/// <summary><c>DateTimeOffsetOperationFilterInput</c>.</summary>
public sealed class DateTimeOffsetOperationFilterInputType() : ComparableOperationFilterInputType<DateTimeOffsetGraphType>("DateTimeOffset");

/// <summary><c>GuidOperationFilterInput</c>.</summary>
public sealed class GuidOperationFilterInputType() : ComparableOperationFilterInputType<GuidGraphType>("Guid");
