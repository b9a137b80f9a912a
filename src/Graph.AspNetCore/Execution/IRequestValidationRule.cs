using GraphQL.Validation;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// A validation rule whose outcome depends on the request (its user or variables), so it runs for
/// every request, cached documents included. Register implementations as singletons.
/// </summary>
public interface IRequestValidationRule : IValidationRule
{
}
