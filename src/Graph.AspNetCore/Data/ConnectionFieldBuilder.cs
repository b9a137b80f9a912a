using System.Linq.Expressions;
using Graph.AspNetCore.Caching;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Limits.Cost;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Configures a connection field made by <see cref="ConnectionFieldExtensions.Connection{TNodeGraphType, TSource, TEntity}"/>:
/// its unique key, filter and sort inputs, default order and page sizes, and the resolver that runs
/// the request against a query.
/// </summary>
public sealed class ConnectionFieldBuilder<TSource, TEntity>
    where TEntity : class
{
    private const string WhereArgument = "where";
    private const string OrderArgument = "order";

    private readonly List<SortKey<TEntity>> _defaultOrder = [];
    private SortKey<TEntity>? _key;
    private PagingOptions _paging = PagingOptions.Default;
    private bool _filtered;
    private bool _sorted;

    internal ConnectionFieldBuilder(FieldBuilder<TSource, Connection<TEntity>> field)
    {
        Field = field;
        AddArgument<IntGraphType>(PagingArguments.FirstArgument, "Returns the first n items.");
        AddArgument<StringGraphType>(PagingArguments.AfterArgument, "Returns the items after this cursor.");
        AddArgument<IntGraphType>(PagingArguments.LastArgument, "Returns the last n items.");
        AddArgument<StringGraphType>(PagingArguments.BeforeArgument, "Returns the items before this cursor.");
        DescribeSizes();
    }

    /// <summary>graphql-dotnet's builder of the field, for anything else (metadata, directives, deprecation).</summary>
    public FieldBuilder<TSource, Connection<TEntity>> Field { get; }

    /// <summary>Sets the field's description.</summary>
    public ConnectionFieldBuilder<TSource, TEntity> Description(string description)
    {
        Field.Description(description);
        return this;
    }

    /// <summary>
    /// Sets the unique key (usually the primary key), appended to every order as the final tie-breaker.
    /// Required.
    /// </summary>
    public ConnectionFieldBuilder<TSource, TEntity> Key<TKey>(Expression<Func<TEntity, TKey>> key)
    {
        _key = SortKey.Create(MemberName(key) ?? "key", key);
        return this;
    }

    /// <summary>Adds a key to the order used when the request gives none (before the unique key).</summary>
    public ConnectionFieldBuilder<TSource, TEntity> DefaultOrder<TValue>(Expression<Func<TEntity, TValue>> selector, SortDirection direction = SortDirection.Ascending)
    {
        _defaultOrder.Add(SortKey.Create(MemberName(selector) ?? $"default{_defaultOrder.Count}", selector, direction));
        return this;
    }

    /// <summary>Sets the page sizes (default 10 and at most 50 unless set).</summary>
    public ConnectionFieldBuilder<TSource, TEntity> Paging(int defaultPageSize, int maxPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultPageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(defaultPageSize, maxPageSize);
        _paging = new PagingOptions { DefaultPageSize = defaultPageSize, MaxPageSize = maxPageSize };
        DescribeSizes();
        return this;
    }

    /// <summary>Adds <c>where: {TEntity}FilterInput</c>.</summary>
    public ConnectionFieldBuilder<TSource, TEntity> Filter<TFilterInputType>()
        where TFilterInputType : FilterInputType<TEntity>
    {
        AddArgument<TFilterInputType>(WhereArgument, "Only the items that meet these conditions.");
        _filtered = true;
        return this;
    }

    /// <summary>Adds <c>order: [{TEntity}SortInput!]</c>.</summary>
    public ConnectionFieldBuilder<TSource, TEntity> Sort<TSortInputType>()
        where TSortInputType : SortInputType<TEntity>
    {
        AddArgument<ListGraphType<NonNullGraphType<TSortInputType>>>(OrderArgument, "The order of the items, first key first.");
        _sorted = true;
        return this;
    }

    /// <summary>
    /// Sets the resolver. It receives the request, already checked (bad paging arguments, cursors or
    /// filters are field errors before it runs), and returns
    /// <see cref="ConnectionQuery{TEntity}.ExecuteAsync(Microsoft.EntityFrameworkCore.DbContext, CancellationToken)"/> of its query, typically inside its own
    /// database context:
    /// <code>
    /// .ResolveAsync(async (context, request) =&gt;
    /// {
    ///     await using var db = await context.CreateDbContextAsync();
    ///     return await request.ExecuteAsync(db, context.CancellationToken);
    /// });
    /// </code>
    /// The total count runs within that call when <c>totalCount</c> is selected, and not at all otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="Key{TKey}"/> was set.</exception>
    public FieldBuilder<TSource, Connection<TEntity>> ResolveAsync(Func<IResolveFieldContext<TSource>, ConnectionQuery<TEntity>, Task<Connection<TEntity>>> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        var createRequest = RequestFactory();
        Field.FieldType.Resolver = new FuncFieldResolver<TSource, Connection<TEntity>>(async context =>
        {
            var page = await resolve(context, createRequest(context)).ConfigureAwait(false);

            // A list of its own (not a parent's): any change to the type's lists makes it stale.
            if (Recorder(context) is { } recorder)
            {
                recorder.RecordList(typeof(TEntity));
                recorder.RecordValue(page, typeof(Connection<TEntity>));
            }

            return page;
        });
        return Field;
    }

    /// <summary>
    /// Resolves the field for many parents at once: the parents of one wave that ask for this field
    /// are answered by one grouped query (one SELECT, plus one COUNT when <c>totalCount</c> is
    /// selected), not one per parent, read from the context's table with queries compiled once per shape.
    /// </summary>
    /// <param name="parentOf">The parent's key, from the source object (e.g. <c>c =&gt; c.Id</c>).</param>
    /// <param name="parentKey">The item's parent key (e.g. <c>p =&gt; p.CategoryId</c>).</param>
    /// <param name="scope">Opens the database context to read from.</param>
    /// <exception cref="InvalidOperationException">No <see cref="Key{TKey}"/> was set.</exception>
    public FieldBuilder<TSource, Connection<TEntity>> ResolveBatched<TParentKey>(
        Expression<Func<TSource, TParentKey>> parentOf,
        Expression<Func<TEntity, TParentKey>> parentKey,
        DbContextScope scope)
        where TParentKey : notnull
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        ArgumentNullException.ThrowIfNull(parentKey);
        ArgumentNullException.ThrowIfNull(scope);
        var createRequest = RequestFactory();
        var parentOfSource = parentOf.Compile();

        // A parent read partially (ProjectionExtensions) must still have its key.
        if (ProjectionExtensions.MemberName(parentOf) is { } parentMember)
        {
            Field.FieldType.Reads(parentMember);
        }

        Field.FieldType.Resolver = new FuncFieldResolver<TSource, object?>(context =>
        {
            // One loader per position of the field in the document: every parent there has the same arguments.
            var name = $"connection:{context.FieldDefinition.Name}@{context.FieldAst.Location.Start}";
            var loader = context.GetDataLoader(name, services =>
                new ConnectionBatchLoader<TParentKey, TEntity>(createRequest(context), parentKey, scope, services));
            var parent = parentOfSource(context.Source);

            // The parent's own list (Category:3/products); the loader tags the items it returns.
            Recorder(context)?.Record(CacheTags.Child(CacheTags.Entity(context.ParentType.Name, parent), context.FieldDefinition.Name));
            return loader.LoadAsync(parent);
        });
        return Field;
    }

    private static CacheTagRecorder? Recorder(IResolveFieldContext context) =>
        context.RequestServices?.GetService(typeof(CacheTagRecorder)) is CacheTagRecorder { IsRecording: true } recorder ? recorder : null;

    // Reads a field's arguments into a checked request, with the settings as they are when the resolver is made.
    private Func<IResolveFieldContext<TSource>, ConnectionQuery<TEntity>> RequestFactory()
    {
        var key = _key ?? throw new InvalidOperationException($"Connection field '{Field.FieldType.Name}' needs a unique key: call {nameof(Key)}(e => e.Id).");
        var paging = _paging;
        var filtered = _filtered;
        var sorted = _sorted;
        SortKey<TEntity>[] defaultOrder = [.. _defaultOrder];
        return context =>
        {
            var order = sorted ? InputType<SortInputType<TEntity>>(context, OrderArgument).ToSortKeys(Argument(context, OrderArgument)) : [];
            var request = new ConnectionQuery<TEntity>(key)
            {
                Paging = PagingArguments.From(context),
                Options = paging,
                Filter = filtered ? InputType<FilterInputType<TEntity>>(context, WhereArgument).ToPredicate(Argument(context, WhereArgument)) : null,
                Order = order.Count > 0 ? order : defaultOrder,
                IncludeTotalCount = SelectsTotalCount(context),
                Members = SelectedMembers.Of(context),
            };
            request.Validate();
            return request;
        };
    }

    // Arguments and resolver are set on the FieldType itself: graphql-dotnet's analyzers cannot tell
    // that a FieldBuilder held in a property belongs to an output type, and would refuse the build.
    private void AddArgument<TGraphType>(string name, string description)
        where TGraphType : IGraphType =>
        (Field.FieldType.Arguments ??= new QueryArguments()).Add(new QueryArgument<TGraphType> { Name = name, Description = description });

    private static object? Argument(IResolveFieldContext context, string name) =>
        context.Arguments?.TryGetValue(name, out var value) == true ? value.Value : null;

    // The schema's own instance: the one whose fields were declared (and may carry metadata).
    private static T InputType<T>(IResolveFieldContext context, string argument)
        where T : class =>
        context.FieldDefinition.Arguments?.Find(argument)?.ResolvedType?.GetNamedType() as T
            ?? throw new InvalidOperationException($"'{context.FieldDefinition.Name}' has no '{argument}' argument of type {typeof(T).Name}.");

    // SubFields follows fragments and honours @skip/@include, so this is exactly "totalCount is in the response".
    private static bool SelectsTotalCount(IResolveFieldContext context) =>
        context.SubFields?.Values.Any(selected => selected.Field.Name.Value.Span.SequenceEqual("totalCount")) == true;

    private static string? MemberName(LambdaExpression selector) =>
        selector.Body is MemberExpression member ? member.Member.Name : null;

    // The page sizes in the argument descriptions, and in @listSize for cost analysis: a page holds
    // `first` or `last` items (the default size when neither is given), in edges and in nodes.
    private void DescribeSizes()
    {
        var listSize = Field.FieldType.FindAppliedDirective(ListSizeDirective.DirectiveName);
        if (listSize is null)
        {
            Field.FieldType.WithListSize(
                _paging.DefaultPageSize,
                [PagingArguments.FirstArgument, PagingArguments.LastArgument],
                [ConnectionNames.EdgesField, ConnectionNames.NodesField],
                requireOneSlicingArgument: false);
        }
        else
        {
            listSize.FindArgument("assumedSize")!.Value = _paging.DefaultPageSize;
        }

        var sizes = $"(default {_paging.DefaultPageSize}, at most {_paging.MaxPageSize})";
        Field.FieldType.Arguments!.Find(PagingArguments.FirstArgument)!.Description = $"Returns the first n items {sizes}.";
        Field.FieldType.Arguments!.Find(PagingArguments.LastArgument)!.Description = $"Returns the last n items {sizes}.";
    }
}
