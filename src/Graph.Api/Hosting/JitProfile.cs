namespace Graph.Api.Hosting;

/// <summary>
/// The JIT profile a Release publish records (<c>jit-profile.txt</c> beside the server): what the
/// runtime's profile-guided optimisation learned while the warm-up ran, so that a fresh instance
/// compiles its hot methods once, optimised with that profile, instead of twice (instrumented, then
/// optimised) while it serves. The runtime reads it only when started with
/// <see cref="ReadSettings"/>; <see cref="Check"/> says at start whether it is in use.
/// </summary>
/// <remarks>
/// The settings are the runtime's own environment variables: it reads them before any of the
/// application's code runs, so neither configuration nor <c>runtimeconfig.json</c> can set them
/// (measured: properties of those names in <c>runtimeconfig.json</c> are ignored). A method whose IL
/// changed since the profile was recorded is simply compiled without it.
/// </remarks>
public static class JitProfile
{
    /// <summary>The file a publish writes beside the server.</summary>
    public const string FileName = "jit-profile.txt";

    /// <summary>The runtime's switch for dynamic profile-guided optimisation; its text profile is read only when it is off.</summary>
    public const string TieredPgoVariable = "DOTNET_TieredPGO";

    /// <summary>Whether the runtime reads <see cref="PathVariable"/> at start.</summary>
    public const string ReadVariable = "DOTNET_ReadPGOData";

    /// <summary>Whether the runtime writes what it learned to <see cref="PathVariable"/> when it exits.</summary>
    public const string WriteVariable = "DOTNET_WritePGOData";

    /// <summary>The profile's file.</summary>
    public const string PathVariable = "DOTNET_PGODataPath";

    /// <summary>The environment that starts the server with the profile at <paramref name="path"/>.</summary>
    public static string ReadSettings(string path) => $"{TieredPgoVariable}=0 {ReadVariable}=1 {PathVariable}={path}";

    /// <summary>
    /// What to tell the operator about the profile, given the process's environment and the folder
    /// the server runs from; null when there is nothing to say (no profile anywhere, the default build).
    /// </summary>
    public static JitProfileStatus? Check(Func<string, string?> environment, string baseDirectory, bool recording)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = environment(PathVariable);
        var dynamicPgoOff = environment(TieredPgoVariable) == "0";
        if (recording)
        {
            return environment(WriteVariable) == "1" && !string.IsNullOrEmpty(path) && !dynamicPgoOff
                ? new JitProfileStatus(LogLevel.Information, $"Recording the JIT profile to {path} once the warm-up is over")
                : new JitProfileStatus(LogLevel.Warning, $"JitProfile:Record is on but the runtime records nothing: start with {TieredPgoVariable}=1 {WriteVariable}=1 {PathVariable}=<file>");
        }

        if (environment(ReadVariable) == "1")
        {
            if (!dynamicPgoOff)
            {
                return new JitProfileStatus(LogLevel.Warning, $"{ReadVariable}=1 is ignored: the runtime reads a JIT profile only with {TieredPgoVariable}=0");
            }

            return !string.IsNullOrEmpty(path) && File.Exists(path)
                ? new JitProfileStatus(LogLevel.Information, $"JIT profile: {path}")
                : new JitProfileStatus(LogLevel.Warning, $"{PathVariable}={path} is not a file: the JIT optimises without a profile, about a third more CPU per request");
        }

        if (dynamicPgoOff)
        {
            return new JitProfileStatus(LogLevel.Warning, $"{TieredPgoVariable}=0 without a JIT profile: the JIT optimises without one, about a third more CPU per request");
        }

        var beside = Path.Combine(baseDirectory, FileName);
        return File.Exists(beside)
            ? new JitProfileStatus(LogLevel.Warning, $"A JIT profile is beside the server but not in use; start with {ReadSettings(beside)} to reach full speed sooner after a start")
            : null;
    }
}

/// <summary>What <see cref="JitProfile.Check"/> found, and how loudly to say it.</summary>
public sealed record JitProfileStatus(LogLevel Level, string Message);
