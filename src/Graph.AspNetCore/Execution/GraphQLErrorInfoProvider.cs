using System.Text.RegularExpressions;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Shapes every error of a response: each carries <c>extensions.code</c>; an unexpected exception
/// becomes a masked error (its code and a trace id) unless details are exposed; name suggestions are
/// dropped where field suggestions are off.
/// </summary>
public sealed partial class GraphQLErrorInfoProvider : ErrorInfoProvider
{
    /// <summary>The key under which an exception's trace id is kept in <see cref="Exception.Data"/>.</summary>
    public const string TraceIdKey = "graph.traceId";

    private readonly bool _exposeDetails;
    private readonly bool _suggestions;

    /// <summary>Creates the provider from the server options and the environment.</summary>
    public GraphQLErrorInfoProvider(IOptions<GraphQLServerOptions> options, IHostEnvironment environment)
        : this(options.Value.ExposeExceptionDetails ?? environment.IsDevelopment(), options.Value.EnableFieldSuggestions ?? environment.IsDevelopment())
    {
    }

    private GraphQLErrorInfoProvider(bool exposeDetails, bool suggestions)
        : base(new ErrorInfoProviderOptions
        {
            ExposeCode = true,
            ExposeCodes = false,
            ExposeData = false,
            ExposeExceptionDetails = exposeDetails,
            ExposeExceptionDetailsMode = ExposeExceptionDetailsMode.Extensions,
        })
    {
        _exposeDetails = exposeDetails;
        _suggestions = suggestions;
    }

    /// <inheritdoc />
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (executionError is UnhandledError && !_exposeDetails)
        {
            return new ErrorInfo
            {
                Message = "An unexpected error occurred.",
                Extensions = new Dictionary<string, object?>
                {
                    ["code"] = ErrorCodes.InternalServerError,
                    ["traceId"] = executionError.InnerException?.Data[TraceIdKey],
                },
            };
        }

        var info = base.GetInfo(executionError);
        var extensions = info.Extensions ??= new Dictionary<string, object?>();
        if (!extensions.TryGetValue("code", out var code) || code is null)
        {
            extensions["code"] = ErrorCodes.ExecutionError;
        }

        if (executionError is InputValueError invalid)
        {
            extensions["argument"] = invalid.ArgumentPath;
        }

        if (!_suggestions)
        {
            info.Message = Suggestion().Replace(info.Message, string.Empty);
        }

        return info;
    }

    // graphql-dotnet appends its suggestion to the end of a validation error's message: "Did you mean
    // 'x'?" for fields and types, "Did you mean to use an inline fragment on 'T'?" for fields of an
    // abstract type, and "Did you mean 'x'" with no question mark for arguments (which is how an
    // argument suggestion escaped a pattern that ended at the '?'). Everything from "Did you mean" to
    // the end of the message goes, whatever punctuation the engine chose.
    [GeneratedRegex(@"\s*Did you mean\b.*\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
