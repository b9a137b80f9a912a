using System.Security.Claims;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Runs one GraphQL request for any transport: the document comes from the <see cref="DocumentCache"/>,
/// the transport sees the selected operation before anything executes, and a cached document that
/// was validated once runs only the request-dependent validation rules.
/// </summary>
public sealed class GraphQLRequestExecutor<TSchema>
    where TSchema : ISchema
{
    private readonly IDocumentExecuter<TSchema> _executer;
    private readonly DocumentCache _cache;
    private readonly IValidationRule[] _fullRules;
    private readonly IValidationRule[] _cachedRules;

    /// <summary>Creates the executor.</summary>
    public GraphQLRequestExecutor(
        IDocumentExecuter<TSchema> executer,
        DocumentCache cache,
        IOptions<GraphQLServerOptions> options,
        IHostEnvironment environment,
        IEnumerable<IRequestValidationRule> requestRules)
    {
        _executer = executer;
        _cache = cache;
        var introspection = options.Value.EnableIntrospection ?? environment.IsDevelopment();
        IValidationRule[] perRequest = [.. requestRules];
        IValidationRule[] documentRules = introspection
            ? [.. DocumentValidator.CoreRules, KnownOperationTypesRule.Instance]
            : [.. DocumentValidator.CoreRules, KnownOperationTypesRule.Instance, NoIntrospectionValidationRule.Instance];
        _fullRules = [.. documentRules, .. perRequest];
        _cachedRules = perRequest;
    }

    /// <summary>
    /// Parses (or finds) the request's document and selects its operation. A document that does
    /// not parse yields a <see cref="PreparedRequest"/> carrying the syntax error.
    /// </summary>
    public PreparedRequest Prepare(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var document = _cache.GetOrParse(request.Query ?? string.Empty);
            return new PreparedRequest(request, document, document.SelectOperation(request.OperationName), null);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return new PreparedRequest(request, null, null, new SyntaxError(ex));
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            return new PreparedRequest(request, null, null, new ExecutionError("The document is nested too deeply.", ex) { Code = ErrorCodes.DocumentTooDeep });
        }
    }

    /// <summary>Executes a prepared request.</summary>
    public async Task<ExecutionResult> ExecuteAsync(
        PreparedRequest prepared,
        ClaimsPrincipal? user,
        IServiceProvider requestServices,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.SyntaxError is not null || prepared.Document is null)
        {
            return new ExecutionResult { Errors = [prepared.SyntaxError ?? new ExecutionError("The document is missing.") { Code = ErrorCodes.ExecutionError }] };
        }

        var cached = prepared.Document;
        var request = prepared.Request;
        var options = new ExecutionOptions
        {
            Document = cached.Document,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            ValidationRules = cached.IsValidated ? _cachedRules : _fullRules,
            CachedDocumentValidationRules = _cachedRules,
            User = user,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        };

        var result = await _executer.ExecuteAsync(options).ConfigureAwait(false);
        if (result.Executed && !cached.IsValidated)
        {
            cached.MarkValidated();
        }

        return result;
    }
}

/// <summary>A request whose document was parsed (or failed to parse) and whose operation was selected.</summary>
/// <param name="Request">The request as the transport read it.</param>
/// <param name="Document">The parsed document, or null on a syntax error.</param>
/// <param name="Operation">The operation the request selects, when it could be determined.</param>
/// <param name="SyntaxError">The parse error, if the document did not parse.</param>
public sealed record PreparedRequest(
    GraphQLRequest Request,
    CachedDocument? Document,
    GraphQLOperationDefinition? Operation,
    ExecutionError? SyntaxError);
