namespace Graph.Api.Data;

public static class DatabaseInitializationExtensions
{
    /// <summary>Migrates the database and seeds the demo data where configured.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue(DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.MigrateOnStartup), true);
        if (!migrate)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
