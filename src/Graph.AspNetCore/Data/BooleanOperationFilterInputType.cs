using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary><c>input BooleanOperationFilterInput { eq neq }</c>.</summary>
public sealed class BooleanOperationFilterInputType : InputObjectGraphType
{
    /// <summary>Creates the input.</summary>
    public BooleanOperationFilterInputType()
    {
        Name = "BooleanOperationFilterInput";
        Description = "Conditions on a yes/no value; every one given must hold.";
        Field<BooleanGraphType>(FilterOperations.Equal).Description("Equal to the value.");
        Field<BooleanGraphType>(FilterOperations.NotEqual).Description("Not equal to the value.");
    }
}
