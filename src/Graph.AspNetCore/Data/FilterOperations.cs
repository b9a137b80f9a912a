namespace Graph.AspNetCore.Data;

/// <summary>The field names of the operation inputs (<c>{ price: { gte: 10 } }</c>), as HotChocolate names them.</summary>
public static class FilterOperations
{
    /// <summary>Equal to the value; <c>eq: null</c> matches a missing value.</summary>
    public const string Equal = "eq";

    /// <summary>Not equal to the value; <c>neq: null</c> matches a present value.</summary>
    public const string NotEqual = "neq";

    /// <summary>One of the values.</summary>
    public const string In = "in";

    /// <summary>None of the values.</summary>
    public const string NotIn = "nin";

    /// <summary>Greater than the value.</summary>
    public const string GreaterThan = "gt";

    /// <summary>Greater than or equal to the value.</summary>
    public const string GreaterThanOrEqual = "gte";

    /// <summary>Less than the value.</summary>
    public const string LessThan = "lt";

    /// <summary>Less than or equal to the value.</summary>
    public const string LessThanOrEqual = "lte";

    /// <summary>The text contains the value (the database's collation decides about case).</summary>
    public const string Contains = "contains";

    /// <summary>The text starts with the value (the database's collation decides about case).</summary>
    public const string StartsWith = "startsWith";

    /// <summary>Every filter of the list holds.</summary>
    public const string And = "and";

    /// <summary>At least one filter of the list holds.</summary>
    public const string Or = "or";
}
