using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Schema;

/// <summary>
/// Every frontend document in <c>schema/operations/</c> validates against the served schema, and
/// holds the design card's operations unchanged (<see cref="DesignCardDocuments"/>).
/// </summary>
public sealed class FrontendOperationsTests : IDisposable
{
    /// <summary>
    /// Operations whose fields arrive with later work. This list only shrinks: a pending operation
    /// that starts to validate fails the test until it is taken off the list.
    /// </summary>
    private static readonly HashSet<string> Pending =
    [];

    private readonly ShopApiFactory _factory = new();

    /// <summary>Whether an operation still waits for its fields.</summary>
    public static bool IsPending(string operationName) => Pending.Contains(operationName);

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Order(StringComparer.Ordinal))
        {
            var document = Parser.Parse(File.ReadAllText(file));
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                data.Add(Path.GetFileName(file), operation.Name!.StringValue);
            }
        }

        return data;
    }

    [Fact]
    public void The_frontend_documents_hold_every_operation_of_the_design_card_unchanged()
    {
        var shared = Path.Combine(RepositoryPaths.Root, "..", "shared", "operations");
        if (!Directory.Exists(shared))
        {
            // A checkout without shared/ beside it (shared/ is the design card, not part of the repo).
            return;
        }

        var trusted = ShopTrustedDocuments.Load();
        foreach (var source in Directory.GetFiles(shared, "*.graphql"))
        {
            var ours = Path.Combine(RepositoryPaths.Operations, Path.GetFileName(source));
            Assert.True(File.Exists(ours), $"{Path.GetFileName(source)} is missing from schema/operations");
            var differences = DesignCardDocuments.Differences(File.ReadAllText(source), File.ReadAllText(ours));
            Assert.True(differences.Count == 0, $"schema/operations/{Path.GetFileName(source)}: " + string.Join("\n", differences));

            // The same text as the card's, so the same trusted document id (a comment after an operation would be part of it).
            foreach (var document in TrustedDocuments.FromFiles([File.ReadAllText(source).ReplaceLineEndings("\n")]).All)
            {
                Assert.True(trusted.TryGet(document.Id, out _), $"{document.Name} of {Path.GetFileName(source)} is not a trusted document with the card's id {document.Id}");
            }
        }
    }

    [Fact]
    public void A_design_card_operation_or_fragment_changed_or_missing_here_is_reported_and_layout_or_additions_are_not()
    {
        const string Card = """
            # The card's comment.
            query Me { me { id email } }
            fragment Price on Product { price }
            """;

        Assert.Empty(DesignCardDocuments.Differences(Card, "query Me {\n  me { id email }\n}\nfragment Price on Product { price }\nmutation LogOutEverywhere { logOutEverywhere { revokedAt } }"));
        Assert.Equal(["query Me differs"], Prefixes(DesignCardDocuments.Differences(Card, "query Me { me { id email displayName } } fragment Price on Product { price }")));
        Assert.Equal(["query Me differs"], Prefixes(DesignCardDocuments.Differences(Card, "query Me($x: Int) { me { id email } } fragment Price on Product { price }")));
        Assert.Equal(["fragment Price differs"], Prefixes(DesignCardDocuments.Differences(Card, "query Me { me { id email } } fragment Price on Product { price inStock }")));
        Assert.Equal(["query Me is missing"], DesignCardDocuments.Differences(Card, "mutation Me { logOutEverywhere { revokedAt } } fragment Price on Product { price }"));
        Assert.Equal(["fragment Price is missing"], DesignCardDocuments.Differences(Card, "query Me { me { id email } }"));

        static string[] Prefixes(IReadOnlyList<string> differences) => [.. differences.Select(d => d[..(d.IndexOf(" differs", StringComparison.Ordinal) + " differs".Length)])];
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Frontend_operation_validates_against_the_schema(string file, string operationName)
    {
        var errors = await ValidateAsync(file, operationName);

        if (Pending.Contains(operationName))
        {
            Assert.True(errors.Count > 0, $"{operationName} now validates: take it off the pending list.");
        }
        else
        {
            Assert.True(errors.Count == 0, $"{operationName} in {file}: " + string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    private async Task<IReadOnlyList<ValidationError>> ValidateAsync(string file, string operationName)
    {
        var schema = _factory.Services.GetRequiredService<ShopSchema>();
        schema.Initialize();
        // Each operation is validated as a document of its own, as a client sends it (the rules
        // look at a whole document, so the file's other operations would be judged with it).
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        var located = Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>().Single(o => o.Name!.StringValue == operationName);
        var document = Parser.Parse(text[located.Location.Start..located.Location.End]);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = [.. DocumentValidator.CoreRules, KnownOperationTypesRule.Instance],
            Variables = Inputs.Empty,
            RequestServices = _factory.Services,
        });

        // Values for the operation's variables are the request's business, not the document's.
        return result.Errors.OfType<ValidationError>().Where(e => e is not InvalidVariableError).ToList();
    }
}
