namespace Graph.AspNetCore.Ide;

/// <summary>
/// Settings of the Banana Cake Pop IDE, bound from <c>GraphQL:Ide</c>. The IDE is a development
/// tool: it is served only in Development unless <see cref="Enabled"/> says otherwise.
/// </summary>
public sealed class GraphQLIdeOptions
{
    /// <summary>Whether browsers get the IDE at the GraphQL path. Null means: only in Development.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The title of the IDE's browser tab.</summary>
    public string Title { get; set; } = "Graph";

    /// <summary>
    /// The folder holding the IDE's static build (the npm package's files). Null means the
    /// <c>BananaCakePop</c> folder the build copies beside the application.
    /// </summary>
    public string? AssetsPath { get; set; }
}
