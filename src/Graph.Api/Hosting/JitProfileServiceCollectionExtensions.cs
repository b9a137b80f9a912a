namespace Graph.Api.Hosting;

/// <summary>Registers <see cref="JitProfileRecorder"/>.</summary>
public static class JitProfileServiceCollectionExtensions
{
    /// <summary>Reports the JIT profile at start, and records one with <c>JitProfile:Record</c>.</summary>
    public static IServiceCollection AddJitProfile(this IServiceCollection services)
    {
        services.AddOptions<JitProfileOptions>().BindConfiguration(JitProfileOptions.SectionName);
        services.AddSingleton<SignedInRecording>();
        return services.AddHostedService<JitProfileRecorder>();
    }
}
