using System.Collections.Concurrent;
using Graph.AspNetCore.DataLoader;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Graph.AspNetCore.Tests.DataLoader;

// A tiny schema where each of 20 parents has a child and each child a grandchild, all reached
// through data loaders, so a test can count the batches a real execution sends.

public sealed record Parent(int Id, int ChildId);

public sealed record Child(int Id, int GrandchildId);

public sealed record Grandchild(int Id);

/// <summary>The "database" behind the loaders: records each batch, and can be told to fail.</summary>
public sealed class FamilyBackend
{
    public static readonly Parent[] Parents = [.. Enumerable.Range(1, 20).Select(id => new Parent(id, 100 + id))];

    public ConcurrentQueue<(string Loader, int[] Keys)> Batches { get; } = new();

    public bool ChildrenFail { get; set; }

    public int[][] BatchesOf(string loader) => [.. Batches.Where(batch => batch.Loader == loader).Select(batch => batch.Keys)];

    public async Task<IReadOnlyDictionary<int, T>> FetchAsync<T>(string loader, IReadOnlyList<int> keys, Func<int, T> row, bool fail = false)
    {
        Batches.Enqueue((loader, [.. keys]));
        await Task.Yield(); // a real query completes later, on another thread
        return fail ? throw new InvalidOperationException($"{loader} is down") : keys.ToDictionary(key => key, row);
    }
}

public sealed class ChildLoader(FamilyBackend backend) : BatchDataLoader<int, Child>
{
    protected override Task<IReadOnlyDictionary<int, Child>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        backend.FetchAsync(nameof(ChildLoader), keys, key => new Child(key, key + 100), backend.ChildrenFail);
}

public sealed class GrandchildLoader(FamilyBackend backend) : BatchDataLoader<int, Grandchild>
{
    protected override Task<IReadOnlyDictionary<int, Grandchild>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        backend.FetchAsync(nameof(GrandchildLoader), keys, key => new Grandchild(key));
}

public sealed class LabelLoader(FamilyBackend backend) : BatchDataLoader<int, string>
{
    protected override Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
        backend.FetchAsync(nameof(LabelLoader), keys, key => $"parent {key}");
}

public sealed class GrandchildGraphType : ObjectGraphType<Grandchild>
{
    public GrandchildGraphType()
    {
        Name = "Grandchild";
        Field(grandchild => grandchild.Id);
    }
}

public sealed class ChildGraphType : ObjectGraphType<Child>
{
    public ChildGraphType()
    {
        Name = "Child";
        Field(child => child.Id);
        Field<GrandchildGraphType, IDataLoaderResult<Grandchild?>>("grandchild")
            .Resolve(context => context.GetDataLoader<GrandchildLoader>().LoadAsync(context.Source.GrandchildId));

        // Asks the child loader again in a later wave, for keys it already fetched.
        Field<ChildGraphType, IDataLoaderResult<Child?>>("sibling")
            .Resolve(context => context.GetDataLoader<ChildLoader>().LoadAsync(101 + (context.Source.Id % 20)));
    }
}

public sealed class ParentGraphType : ObjectGraphType<Parent>
{
    public ParentGraphType()
    {
        Name = "Parent";
        Field(parent => parent.Id);
        Field<ChildGraphType, IDataLoaderResult<Child?>>("child")
            .Resolve(context => context.GetDataLoader<ChildLoader>().LoadAsync(context.Source.ChildId));

        // An async resolver, so under the parallel strategy the loads come from concurrent resolvers.
        Field<StringGraphType, IDataLoaderResult<string?>>("label")
            .ResolveAsync(async context =>
            {
                await Task.Yield();
                return context.GetDataLoader<LabelLoader>().LoadAsync(context.Source.Id);
            });

        // Two loads in a row: child, then the child's grandchild.
        Field<GrandchildGraphType, IDataLoaderResult<Grandchild?>>("grandchild")
            .Resolve(context => context.GetDataLoader<ChildLoader>().LoadAsync(context.Source.ChildId)
                .Then(child => context.GetDataLoader<GrandchildLoader>().LoadAsync(child!.GrandchildId)));
    }
}

public sealed class FamilyRootType : ObjectGraphType
{
    public FamilyRootType(string name)
    {
        Name = name;
        Field<ListGraphType<ParentGraphType>, IEnumerable<Parent>>("parents")
            .ResolveAsync(async _ =>
            {
                await Task.Yield();
                return FamilyBackend.Parents;
            });
    }
}

/// <summary>The same <c>parents</c> field as a query (parallel strategy) and as a mutation (serial strategy).</summary>
public sealed class FamilySchema : Schema
{
    public FamilySchema()
    {
        Query = new FamilyRootType("Query");
        Mutation = new FamilyRootType("Mutation");
    }
}
