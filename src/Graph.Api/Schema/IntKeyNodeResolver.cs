using System.Globalization;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.DataLoader;

namespace Graph.Api.Schema;

/// <summary>Resolves <c>node(id:)</c> for a type with an integer key through its by-id loader.</summary>
public sealed class IntKeyNodeResolver<TLoader, TEntity>(string typeName) : INodeResolver
    where TLoader : BatchDataLoader<int, TEntity>
    where TEntity : class
{
    public string TypeName => typeName;

    public IDataLoaderResult<object?> Resolve(string key, IResolveFieldContext context) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? context.GetDataLoader<TLoader>().LoadAsync(id).Then(entity => (object?)entity)
            : DataLoaderResult.FromValue<object?>(null);
}
