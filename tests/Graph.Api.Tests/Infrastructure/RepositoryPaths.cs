namespace Graph.Api.Tests.Infrastructure;

/// <summary>Paths inside the checkout, found from the test binaries by walking up to Graph.sln.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Schema => System.IO.Path.Combine(Root, "schema", "schema.graphql");

    public static string TrustedDocuments => System.IO.Path.Combine(Root, "schema", "trusted-documents.json");

    public static string Operations => System.IO.Path.Combine(Root, "schema", "operations");

    public static string EndToEnd => System.IO.Path.Combine(Root, "tests", "e2e");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Graph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Graph.sln not found above " + AppContext.BaseDirectory);
    }
}
