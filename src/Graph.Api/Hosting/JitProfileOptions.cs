namespace Graph.Api.Hosting;

/// <summary>The JIT profile (<c>JitProfile:*</c>; see <see cref="JitProfile"/>).</summary>
public sealed class JitProfileOptions
{
    public const string SectionName = "JitProfile";

    /// <summary>
    /// Stop the server once its warm-up is over, so that the runtime writes the profile it learned
    /// (<c>DOTNET_WritePGOData=1</c>) as it exits. The Release publish runs the server so.
    /// </summary>
    public bool Record { get; set; }
}
