using System.Collections;
using System.Collections.Concurrent;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// Wraps the resolver of a field that <c>@authorize</c> concerns. Before the inner resolver runs:
/// the validation rule's decision, the field's policy against its parent object, and protected
/// input fields in its arguments (a filter on a protected field is read access to it). After: the
/// policy of each returned object's type against that object (ownership, e.g. an order's customer).
/// </summary>
internal sealed class AuthorizingFieldResolver(IFieldResolver inner, FieldAuthorizationPlan plan) : IFieldResolver
{
    /// <summary>What the field checks (the response cache reads it to tell public documents from personal ones).</summary>
    public FieldAuthorizationPlan Plan => plan;

    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var authorizer = context.RequestServices!.GetRequiredService<GraphQLAuthorizer>();
        var user = context.EffectiveUser();
        var decisions = AuthorizationDecisions.Of(context.UserContext);
        if (decisions is not null && decisions.IsDenied(context.FieldAst, out var denied))
        {
            throw denied;
        }

        if (plan.Field is { } requirement)
        {
            // Without the rule's decision (it did not run for this execution) the role check happens here.
            var allowed = (decisions is not null || await authorizer.IsAllowedWithoutResourceAsync(user, requirement).ConfigureAwait(false))
                && await authorizer.IsAllowedForResourceAsync(user, requirement, context.Source).ConfigureAwait(false);
            if (!allowed)
            {
                throw await authorizer.DenialAsync(user, requirement, $"'{context.FieldDefinition.Name}'").ConfigureAwait(false);
            }
        }

        foreach (var (argument, inputType) in plan.ProtectedArguments)
        {
            if (context.Arguments?.TryGetValue(argument, out var value) == true)
            {
                await CheckInputAsync(authorizer, context, inputType, value.Value).ConfigureAwait(false);
            }
        }

        var result = await inner.ResolveAsync(context).ConfigureAwait(false);
        if (!plan.ChecksResult || result is null)
        {
            return result;
        }

        if (result is IDataLoaderResult pending)
        {
            return new CheckedDataLoaderResult(pending, value => CheckResultAsync(authorizer, context, value));
        }

        return await CheckResultAsync(authorizer, context, result).ConfigureAwait(false);
    }

    private async Task<object?> CheckResultAsync(GraphQLAuthorizer authorizer, IResolveFieldContext context, object? result)
    {
        switch (result)
        {
            case null:
                return null;
            case string:
                return result;
            case IEnumerable items:
                // Each element on its own: a denied one is null with its error at its own path
                // (["nodes", 1]), the others arrive. An element still pending (nodes(ids:) returns one
                // loader result per id) is checked when it is loaded.
                var checkedItems = new List<object?>();
                foreach (var item in items)
                {
                    checkedItems.Add(item is IDataLoaderResult pending
                        ? new CheckedDataLoaderResult(pending, value => CheckResultAsync(authorizer, context, value))
                        : await CheckItemAsync(authorizer, context, item).ConfigureAwait(false));
                }

                return checkedItems;
            default:
                await CheckObjectAsync(authorizer, context, result).ConfigureAwait(false);
                return result;
        }
    }

    private async Task<object?> CheckItemAsync(GraphQLAuthorizer authorizer, IResolveFieldContext context, object? item)
    {
        try
        {
            await CheckObjectAsync(authorizer, context, item).ConfigureAwait(false);
            return item;
        }
        catch (ExecutionError denied)
        {
            return DataLoaderResult.FromException<object?>(denied);
        }
    }

    private async Task CheckObjectAsync(GraphQLAuthorizer authorizer, IResolveFieldContext context, object? value)
    {
        if (value is null || plan.RequirementOf(value) is not { } requirement)
        {
            return;
        }

        if (!await authorizer.IsAllowedWithoutResourceAsync(context.EffectiveUser(), requirement).ConfigureAwait(false)
            || !await authorizer.IsAllowedForResourceAsync(context.EffectiveUser(), requirement, value).ConfigureAwait(false))
        {
            throw await authorizer.DenialAsync(context.EffectiveUser(), requirement, $"'{context.FieldDefinition.Name}'").ConfigureAwait(false);
        }
    }

    private static async Task CheckInputAsync(GraphQLAuthorizer authorizer, IResolveFieldContext context, IGraphType type, object? value)
    {
        switch (type.GetNamedType())
        {
            case IInputObjectGraphType inputType when value is IDictionary<string, object?> fields:
                foreach (var (name, fieldValue) in fields)
                {
                    var field = inputType.GetField(name);
                    if (field is null)
                    {
                        continue;
                    }

                    if (field.GetAuthorizeRequirement() is { } requirement
                        && (!await authorizer.IsAllowedWithoutResourceAsync(context.EffectiveUser(), requirement).ConfigureAwait(false)
                            || !await authorizer.IsAllowedForResourceAsync(context.EffectiveUser(), requirement, null).ConfigureAwait(false)))
                    {
                        throw await authorizer.DenialAsync(context.EffectiveUser(), requirement, $"'{name}' (used in '{context.FieldDefinition.Name}')").ConfigureAwait(false);
                    }

                    await CheckInputAsync(authorizer, context, field.ResolvedType!, fieldValue).ConfigureAwait(false);
                }

                break;
            case IInputObjectGraphType when value is IEnumerable list and not string:
                foreach (var item in list)
                {
                    await CheckInputAsync(authorizer, context, type, item).ConfigureAwait(false);
                }

                break;
        }
    }

    private sealed class CheckedDataLoaderResult(IDataLoaderResult inner, Func<object?, Task<object?>> check) : IDataLoaderResult
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var value = await inner.GetResultAsync(cancellationToken).ConfigureAwait(false);
            return value is IDataLoaderResult chained
                ? new CheckedDataLoaderResult(chained, check)
                : await check(value).ConfigureAwait(false);
        }
    }
}

/// <summary>What a field's resolver must check, worked out once when the schema is built.</summary>
internal sealed class FieldAuthorizationPlan(
    AuthorizeRequirement? field,
    IReadOnlyList<(string Argument, IGraphType Type)> protectedArguments,
    IReadOnlyList<IObjectGraphType> protectedResultTypes)
{
    private readonly ConcurrentDictionary<Type, AuthorizeRequirement?> _byClrType = new();

    public AuthorizeRequirement? Field { get; } = field;

    public IReadOnlyList<(string Argument, IGraphType Type)> ProtectedArguments { get; } = protectedArguments;

    public bool ChecksResult => protectedResultTypes.Count > 0;

    public bool IsEmpty => Field is null && ProtectedArguments.Count == 0 && !ChecksResult;

    /// <summary>The requirement of the object type a returned value is (null when that type has none).</summary>
    public AuthorizeRequirement? RequirementOf(object value) =>
        _byClrType.GetOrAdd(value.GetType(), (_, v) =>
            protectedResultTypes.FirstOrDefault(t => t.IsTypeOf?.Invoke(v) ?? false)?.GetAuthorizeRequirement(), value);
}
