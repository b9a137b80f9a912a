using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Schema;

/// <summary>Every frontend document in <c>schema/operations/</c> validates against the served schema.</summary>
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
    public void The_frontend_documents_are_copied_from_shared_operations()
    {
        var shared = Path.Combine(RepositoryPaths.Root, "..", "shared", "operations");
        if (!Directory.Exists(shared))
        {
            // A checkout without shared/ beside it (shared/ is the design card, not part of the repo).
            return;
        }

        foreach (var source in Directory.GetFiles(shared, "*.graphql"))
        {
            var copy = Path.Combine(RepositoryPaths.Operations, Path.GetFileName(source));
            Assert.True(File.Exists(copy), $"{Path.GetFileName(source)} is missing from schema/operations");
            Assert.Equal(File.ReadAllText(source), File.ReadAllText(copy));
        }
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
