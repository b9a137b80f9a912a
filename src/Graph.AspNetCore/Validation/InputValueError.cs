using Graph.AspNetCore.Execution;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Validation;

/// <summary>
/// An argument value (or a variable's default value) of the right type that the server cannot accept:
/// <c>INVALID_VALUE</c>, with the value's path inside the argument (<c>where.price.gt</c>,
/// <c>where.price.in[2]</c>, <c>$max</c>) as <c>extensions.argument</c>.
/// </summary>
public sealed class InputValueError : ValidationError
{
    /// <summary>Creates the error for the value at <paramref name="path"/>.</summary>
    public InputValueError(ROM source, string path, string reason, ASTNode node)
        : base(source, null, $"Argument '{path}' has an invalid value: {reason}", node)
    {
        ArgumentPath = path;
        Code = ErrorCodes.InvalidValue;
    }

    /// <summary>Where the value is: the argument's name, then input fields and list indexes.</summary>
    public string ArgumentPath { get; }
}
