using System.Diagnostics;
using System.Security.Claims;
using Graph.AspNetCore.Diagnostics;
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
/// was validated once runs only the request-dependent validation rules it needs (<see cref="RequestRuleUsage"/>).
/// </summary>
public sealed class GraphQLRequestExecutor<TSchema>
    where TSchema : ISchema
{
    private readonly IDocumentExecuter<TSchema> _executer;
    private readonly DocumentCache _cache;
    private readonly IValidationRule[] _fullRules;
    private readonly IValidationRule[] _cachedRules;
    private readonly GraphQLServerTelemetry? _telemetry;

    /// <summary>Creates the executor; without <paramref name="telemetry"/> it records no metrics or logs.</summary>
    public GraphQLRequestExecutor(
        IDocumentExecuter<TSchema> executer,
        DocumentCache cache,
        IOptions<GraphQLServerOptions> options,
        IHostEnvironment environment,
        IEnumerable<IRequestValidationRule> requestRules,
        GraphQLServerTelemetry? telemetry = null)
    {
        _executer = executer;
        _cache = cache;
        _telemetry = telemetry;
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
        var traced = GraphQLTelemetry.Source.HasListeners();
        var started = traced ? Stopwatch.GetTimestamp() : 0;
        try
        {
            var document = _cache.GetOrParse(request.Query ?? string.Empty, out var parsed);
            var operation = document.SelectOperation(request.OperationName);
            if (traced && parsed)
            {
                ParseTrace.Record(started, OperationName(request, operation), null);
            }

            return new PreparedRequest(request, document, operation, null);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            if (traced)
            {
                ParseTrace.Record(started, request.OperationName, ex);
            }

            return new PreparedRequest(request, null, null, new SyntaxError(ex));
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            if (traced)
            {
                ParseTrace.Record(started, request.OperationName, ex);
            }

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
        var started = Stopwatch.GetTimestamp();
        var operationName = OperationName(prepared.Request, prepared.Operation);
        var operationType = prepared.Operation?.Operation;
        if (prepared.SyntaxError is not null || prepared.Document is null)
        {
            var failed = new ExecutionResult { Errors = [prepared.SyntaxError ?? new ExecutionError("The document is missing.") { Code = ErrorCodes.ExecutionError }] };
            _telemetry?.Record(operationName, operationType, started, failed, syntaxError: true);
            return failed;
        }

        var cached = prepared.Document;
        var request = prepared.Request;
        var validated = cached.IsValidated;
        var requestRules = validated ? cached.RequestRules : _cachedRules;
        var options = new ExecutionOptions
        {
            Document = cached.Document,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            ValidationRules = validated ? requestRules : _fullRules,
            CachedDocumentValidationRules = requestRules,
            User = user,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        };

        var usage = validated ? null : RequestRuleUsage.Track(options.UserContext);
        using var scope = _telemetry?.BeginOperationScope(operationName, operationType);
        var trace = GraphQLTelemetry.Source.HasListeners()
            ? ExecutionTrace.Start(prepared, operationName, operationType is { } type ? GraphQLServerTelemetry.TypeName(type) : null)
            : null;
        if (trace is not null)
        {
            options.Listeners.Add(trace);
        }

        ExecutionResult? result = null;
        try
        {
            result = await _executer.ExecuteAsync(options).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            trace?.Complete(null, ex);
            trace = null;
            throw;
        }
        finally
        {
            trace?.Complete(result, null);
            _telemetry?.Record(operationName, operationType, started, result, syntaxError: false);
        }

        if (result.Executed && usage is not null && !cached.IsValidated)
        {
            cached.MarkValidated(usage.Select(_cachedRules));
        }

        return result;
    }

    // The name the request asked for, or the name of the operation it selected (cached with the document).
    private static string? OperationName(GraphQLRequest request, GraphQLOperationDefinition? operation) =>
        string.IsNullOrEmpty(request.OperationName) ? operation?.Name?.StringValue : request.OperationName;
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
