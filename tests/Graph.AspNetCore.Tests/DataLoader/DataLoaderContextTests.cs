using Graph.AspNetCore.DataLoader;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.DataLoader;

public class DataLoaderContextTests
{
    /// <summary>A loader with a dependency from DI, as a real one has its DbContext factory.</summary>
    public sealed class NeedsClock(TimeProvider clock) : BatchDataLoader<int, string>
    {
        public TimeProvider Clock { get; } = clock;

        protected override Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(key => key, key => $"{key}"));
    }

    /// <summary>A service that gets a loader by constructor injection.</summary>
    public sealed class UsesLoader(NeedsClock loader)
    {
        public NeedsClock Loader { get; } = loader;
    }

    private static ServiceProvider Services(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddDataLoader<NeedsClock>().AddScoped<UsesLoader>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void One_request_shares_one_loader_and_gets_its_dependencies_from_DI()
    {
        using var services = Services();
        using var scope = services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<DataLoaderContext>();

        var loader = context.Get<NeedsClock>();

        Assert.Same(loader, context.Get<NeedsClock>());
        Assert.Same(loader, scope.ServiceProvider.GetRequiredService<NeedsClock>());
        Assert.Same(loader, scope.ServiceProvider.GetRequiredService<UsesLoader>().Loader);
        Assert.Same(TimeProvider.System, loader.Clock);
    }

    [Fact]
    public void Each_request_gets_fresh_loaders()
    {
        using var services = Services();
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        Assert.NotSame(
            first.ServiceProvider.GetRequiredService<DataLoaderContext>().Get<NeedsClock>(),
            second.ServiceProvider.GetRequiredService<DataLoaderContext>().Get<NeedsClock>());
    }

    [Fact]
    public void A_loader_mistakenly_registered_as_a_singleton_is_still_per_request()
    {
        using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<RecordingLoader>()
            .AddDataLoaderContext()
            .BuildServiceProvider();
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        Assert.NotSame(
            first.ServiceProvider.GetRequiredService<DataLoaderContext>().Get<RecordingLoader>(),
            second.ServiceProvider.GetRequiredService<DataLoaderContext>().Get<RecordingLoader>());
    }

    [Fact]
    public void A_resolver_reaches_the_requests_loaders_through_its_context()
    {
        using var services = Services();
        using var scope = services.CreateScope();
        var field = new ResolveFieldContext { RequestServices = scope.ServiceProvider };

        Assert.Same(scope.ServiceProvider.GetRequiredService<NeedsClock>(), field.GetDataLoader<NeedsClock>());
    }

    [Fact]
    public async Task A_named_loader_is_created_once_per_request()
    {
        using var services = Services();
        using var scope = services.CreateScope();
        var field = new ResolveFieldContext { RequestServices = scope.ServiceProvider };
        var created = 0;
        FuncBatchDataLoader<int, int> Create(IServiceProvider _)
        {
            created++;
            return new((keys, _) => Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(key => key, key => key * 2)));
        }

        var loader = field.GetDataLoader("doubles", Create);

        Assert.Same(loader, field.GetDataLoader("doubles", Create));
        Assert.Equal(1, created);
        Assert.Equal(42, await loader.LoadAsync(21).GetResultAsync());
    }

    [Fact]
    public void A_name_reused_for_another_loader_type_is_refused()
    {
        using var services = Services();
        using var scope = services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<DataLoaderContext>();
        context.GetOrAdd("name", _ => new CacheOnlyDataLoader<int, string>());

        Assert.Throws<InvalidOperationException>(() => context.GetOrAdd("name", _ => new CacheOnlyDataLoader<string, string>()));
    }

    [Fact]
    public void Without_registration_the_resolver_is_told_what_to_register()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var field = new ResolveFieldContext { RequestServices = services };

        var error = Assert.Throws<InvalidOperationException>(() => field.GetDataLoader<NeedsClock>());
        Assert.Contains("AddDataLoader", error.Message, StringComparison.Ordinal);
    }
}
