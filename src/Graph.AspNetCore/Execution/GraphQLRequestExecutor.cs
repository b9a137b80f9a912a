using System.Diagnostics;
using System.Security.Claims;
using Graph.AspNetCore.Diagnostics;
using Graph.AspNetCore.Limits;
using Graph.AspNetCore.Limits.Cost;
using Graph.AspNetCore.PersistedOperations;
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
/// Runs one GraphQL request for any transport. A new document passes the limits on its text
/// (length, tokens) and its shape (fields, aliases, depth, …) before the spec's validation rules;
/// every request passes the limits on its variables and its estimated cost before anything
/// executes; execution has a timeout and an error budget. A document that passed validation is
/// cached (<see cref="DocumentCache"/>), and its later requests run only the request-dependent
/// validation rules it needs (<see cref="RequestRuleUsage"/>).
/// </summary>
public sealed class GraphQLRequestExecutor<TSchema>
    where TSchema : ISchema
{
    private readonly IDocumentExecuter<TSchema> _executer;
    private readonly DocumentCache _cache;
    private readonly GraphQLLimitsOptions _limits;
    private readonly CostAnalyzer _cost;
    private readonly IValidationRule[] _fullRules;
    private readonly IValidationRule[] _cachedRules;
    private readonly GraphQLServerTelemetry? _telemetry;
    private readonly PersistedOperationResolver? _persisted;

    /// <summary>Creates the executor; without <paramref name="telemetry"/> it records no metrics or logs.</summary>
    public GraphQLRequestExecutor(
        IDocumentExecuter<TSchema> executer,
        TSchema schema,
        DocumentCache cache,
        IOptions<GraphQLServerOptions> options,
        IHostEnvironment environment,
        IEnumerable<IRequestValidationRule> requestRules,
        GraphQLServerTelemetry? telemetry = null,
        PersistedOperationResolver? persisted = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _executer = executer;
        _cache = cache;
        _telemetry = telemetry;
        _persisted = persisted;
        _limits = options.Value.Limits;
        _cost = new CostAnalyzer(schema);
        var introspection = options.Value.EnableIntrospection ?? environment.IsDevelopment();
        IValidationRule[] perRequest = [.. requestRules];
        IValidationRule[] documentRules = introspection
            ? [.. DocumentValidator.CoreRules, KnownOperationTypesRule.Instance]
            : [.. DocumentValidator.CoreRules, KnownOperationTypesRule.Instance, NoIntrospectionValidationRule.Instance];
        _fullRules = [.. documentRules, .. perRequest];
        _cachedRules = perRequest;
    }

    /// <summary>
    /// Finds the request's document in the cache, or checks and parses it, and selects its
    /// operation. A document that breaks a limit or does not parse yields a
    /// <see cref="PreparedRequest"/> carrying the error.
    /// </summary>
    public PreparedRequest Prepare(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? persistedId = null;
        if (_persisted is not null)
        {
            var resolved = _persisted.Resolve(request);
            if (resolved.Error is not null)
            {
                return new PreparedRequest(request, null, null, resolved.Error);
            }

            request = resolved.Request;
            persistedId = resolved.PersistedId;
        }

        var query = request.Query ?? string.Empty;
        if (_cache.TryGet(query, out var cached))
        {
            return new PreparedRequest(request, cached, cached.SelectOperation(request.OperationName), null) { PersistedId = persistedId };
        }

        var traced = GraphQLTelemetry.Source.HasListeners();
        var started = traced ? Stopwatch.GetTimestamp() : 0;
        if (DocumentTextLimits.Check(query, _limits) is { } tooLarge)
        {
            return new PreparedRequest(request, null, null, tooLarge);
        }

        try
        {
            var document = _cache.Parse(query);
            var operation = document.SelectOperation(request.OperationName);
            if (traced)
            {
                ParseTrace.Record(started, OperationName(request, operation), null);
            }

            return new PreparedRequest(request, document, operation, DocumentShapeLimits.Check(document.Document, _limits)) { PersistedId = persistedId };
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

            return new PreparedRequest(request, null, null, new LimitError(ErrorCodes.DocumentTooDeep, "The document is nested too deeply."));
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
        var request = prepared.Request;
        var refusal = prepared.Error ?? (prepared.Document is null
            ? new ExecutionError("The document is missing.") { Code = ErrorCodes.ExecutionError }
            : VariableLimits.Check(request.Variables, _limits));
        double? cost = null;
        // The estimate is made only when something uses it: the limit, the client's report, a trace.
        if (refusal is null && prepared.Operation is { } selected
            && (_limits.MaxCost > 0 || prepared.ReportCost || GraphQLTelemetry.Source.HasListeners()))
        {
            cost = _cost.Estimate(prepared.Document!.Document, selected, request.Variables);
            if (_limits.MaxCost > 0 && cost > _limits.MaxCost)
            {
                refusal = new LimitError(ErrorCodes.CostLimitExceeded, $"The operation's estimated cost ({cost:0}) is above the limit ({_limits.MaxCost}).");
            }
        }

        if (refusal is not null)
        {
            var refused = new ExecutionResult { Errors = [refusal] };
            ReportCost(prepared, refused, cost);
            _telemetry?.Record(operationName, operationType, started, refused, syntaxError: prepared.Error is SyntaxError, validated: prepared.Document?.IsValidated == true);
            return refused;
        }

        var cached = prepared.Document!;
        var validated = cached.IsValidated;
        var requestRules = RulesFor(validated ? cached.RequestRules : _cachedRules, user);
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

        // A subscription's source stream lives as long as its client wants: only the request/response
        // operations get a time limit.
        if (_limits.ExecutionTimeout > TimeSpan.Zero && operationType is not OperationType.Subscription)
        {
            options.Timeout = _limits.ExecutionTimeout;
            options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
        }

        var errorBudget = ErrorBudget.Attach(options.UserContext);
        var usage = validated ? null : RequestRuleUsage.Track(options.UserContext);
        using var scope = _telemetry?.BeginOperationScope(operationName, operationType);
        var trace = GraphQLTelemetry.Source.HasListeners()
            ? ExecutionTrace.Start(prepared, operationName, operationType is { } type ? GraphQLServerTelemetry.TypeName(type) : null, cost)
            : null;
        if (trace is not null)
        {
            options.Listeners.Add(trace);
        }

        ExecutionResult? result = null;
        try
        {
            result = await _executer.ExecuteAsync(options).ConfigureAwait(false);
            ApplyErrorLimits(result, errorBudget);
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
            _telemetry?.Record(operationName, operationType, started, result, syntaxError: false, validated: result?.Executed == true);
        }

        if (result.Executed && prepared.PersistedId is { } persistedId)
        {
            _persisted?.Register(persistedId, request.Query!);
        }

        if (result.Executed && usage is not null && !cached.IsValidated)
        {
            cached.MarkValidated(usage.Select(_cachedRules));
            _cache.Admit(request.Query ?? string.Empty, cached);
        }

        ReportCost(prepared, result, cost);
        return result;
    }

    /// <summary>
    /// Whether a request of <paramref name="document"/> by <paramref name="user"/> has request rules to
    /// run: then a result computed for another user must not answer it. A document not yet validated
    /// would run them all.
    /// </summary>
    internal bool HasRulesToRunFor(CachedDocument document, ClaimsPrincipal? user) =>
        RulesFor(document.IsValidated ? document.RequestRules : _cachedRules, user).Length > 0;

    // The request rules that apply to this user; the same array when all do (the common case), so
    // most requests allocate nothing here.
    private static IValidationRule[] RulesFor(IValidationRule[] rules, ClaimsPrincipal? user)
    {
        foreach (var rule in rules)
        {
            if (rule is IRequestValidationRule request && !request.AppliesTo(user))
            {
                return Array.FindAll(rules, r => r is not IRequestValidationRule other || other.AppliesTo(user));
            }
        }

        return rules;
    }

    // The engine's timeout error gets the serving layer's code; the errors past the budget (from
    // execution, or from validation, which reports all it finds) are replaced by one that says so.
    private void ApplyErrorLimits(ExecutionResult result, ErrorBudget budget)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }

        foreach (var error in errors)
        {
            if (error is TimeoutError)
            {
                error.Code = ErrorCodes.ExecutionTimeout;
            }
        }

        var max = _limits.MaxErrors;
        var dropped = budget.Dropped + (max > 0 && errors.Count > max ? errors.Count - max : 0);
        if (dropped == 0)
        {
            return;
        }

        var kept = new ExecutionErrors();
        kept.AddRange(errors.Take(max));
        kept.Add(new LimitError(ErrorCodes.TooManyErrors, $"{dropped} more errors were left out of this response (at most {max} are reported)."));
        result.Errors = kept;
    }

    private void ReportCost(PreparedRequest prepared, ExecutionResult result, double? cost)
    {
        if (prepared.ReportCost && cost is { } estimated)
        {
            result.Extensions ??= [];
            result.Extensions["cost"] = new Dictionary<string, object?> { ["estimated"] = estimated, ["limit"] = _limits.MaxCost };
        }
    }

    // The name the request asked for, or the name of the operation it selected (cached with the document).
    private static string? OperationName(GraphQLRequest request, GraphQLOperationDefinition? operation) =>
        string.IsNullOrEmpty(request.OperationName) ? operation?.Name?.StringValue : request.OperationName;
}
