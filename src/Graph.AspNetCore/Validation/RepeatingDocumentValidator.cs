using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Validation;

/// <summary>
/// graphql-dotnet's validator, remembering its last result for each cached document that ran no
/// rule. A validated document's later requests are handed no rule when none concerns their user
/// (<see cref="Execution.IRequestValidationRule.AppliesTo"/>), and then what validation still does
/// is a function of the document, the operation and the variables alone: coerce the variables and
/// parse every field's arguments, two walks of the document. The same page asked for again with the
/// same variables (the Storefront's <c>{"first":12}</c>, by every visitor) gets that result again.
/// </summary>
internal sealed class RepeatingDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _inner = new();
    private readonly ConditionalWeakTable<GraphQLDocument, Outcome> _last = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is not ICollection<IValidationRule> { Count: 0 })
        {
            return _inner.ValidateAsync(options);
        }

        if (_last.TryGetValue(options.Document, out var last) && last.Operation == options.Operation && InputValues.AreEqual(last.Variables, options.Variables))
        {
            return Task.FromResult<IValidationResult>(last.Fresh());
        }

        return ValidateAndRememberAsync(options);
    }

    private async Task<IValidationResult> ValidateAndRememberAsync(ValidationOptions options)
    {
        var result = await _inner.ValidateAsync(options).ConfigureAwait(false);
        if (result.IsValid)
        {
            _last.AddOrUpdate(options.Document, new Outcome(options.Operation, options.Variables, Outcome.CopyOf(result)));
        }

        return result;
    }

    // Execution adds entries to a result's argument and directive maps when it merges fields selected
    // twice under one name, so the kept result and every request get maps of their own.
    private sealed record Outcome(GraphQLOperationDefinition Operation, Inputs Variables, IValidationResult Result)
    {
        public ValidationResult Fresh() => CopyOf(Result);

        public static ValidationResult CopyOf(IValidationResult result) => new()
        {
            Variables = result.Variables,
            ArgumentValues = result.ArgumentValues is { } arguments ? new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>(arguments) : null,
            DirectiveValues = result.DirectiveValues is { } directives ? new Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>(directives) : null,
        };
    }
}
