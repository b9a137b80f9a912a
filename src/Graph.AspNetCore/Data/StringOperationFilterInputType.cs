using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary><c>input StringOperationFilterInput { eq neq in nin contains startsWith }</c>.</summary>
public sealed class StringOperationFilterInputType : InputObjectGraphType
{
    /// <summary>Creates the input.</summary>
    public StringOperationFilterInputType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a text; every one given must hold.";
        Field<StringGraphType>(FilterOperations.Equal).Description("Equal to the value; null matches a missing text.");
        Field<StringGraphType>(FilterOperations.NotEqual).Description("Not equal to the value; null matches a present text.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>(FilterOperations.In).Description("One of the values.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>(FilterOperations.NotIn).Description("None of the values.");
        Field<StringGraphType>(FilterOperations.Contains).Description("Contains the value, ignoring the case of the letters A-Z.");
        Field<StringGraphType>(FilterOperations.StartsWith).Description("Starts with the value, ignoring the case of the letters A-Z.");
    }
}
