using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary><c>enum SortEnumType { ASC DESC }</c>, the value of every field of a sort input (HotChocolate's name).</summary>
public sealed class SortEnumType : EnumerationGraphType
{
    /// <summary>Creates the enum.</summary>
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "The direction of a sort key.";
        Add("ASC", SortDirection.Ascending, "Smallest first.");
        Add("DESC", SortDirection.Descending, "Largest first.");
    }
}
