namespace Graph.Api.Backups;

public static class BackupServiceCollectionExtensions
{
    /// <summary>Scheduled online backups (<c>Backup:*</c>; off unless <c>Backup:Interval</c> is set).</summary>
    public static IServiceCollection AddScheduledBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName);
        services.AddSingleton<ScheduledBackup>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledBackup>());
        return services;
    }
}
