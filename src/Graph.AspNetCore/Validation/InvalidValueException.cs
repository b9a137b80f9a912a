namespace Graph.AspNetCore.Validation;

/// <summary>
/// Thrown by a scalar's <c>ParseLiteral</c> or <c>ParseValue</c> for a value of the right kind that the
/// server still cannot accept (a decimal larger than its column holds). <see cref="InputValueRule"/>
/// turns it into an <c>INVALID_VALUE</c> validation error naming the argument's path; in a variable,
/// the engine reports it as <c>INVALID_VALUE</c> naming the variable's path. Either way the request
/// is refused before execution, so the value never reaches a resolver or the database.
/// </summary>
public sealed class InvalidValueException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> says what is accepted, not what was sent.</summary>
    public InvalidValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public InvalidValueException()
    {
    }

    /// <summary>Creates the exception around another.</summary>
    public InvalidValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
