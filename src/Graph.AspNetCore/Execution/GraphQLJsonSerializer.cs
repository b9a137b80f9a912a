using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// The engine's System.Text.Json serializer, with its options reachable so that transports can
/// deserialize straight from buffered bytes. Responses are JSON served as JSON, never embedded in
/// HTML, so characters such as <c>&amp;</c> are written as they are rather than escaped.
/// </summary>
public sealed class GraphQLJsonSerializer(IErrorInfoProvider errorInfoProvider)
    : GraphQLSerializer(options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, errorInfoProvider)
{
    /// <summary>The options every read and write uses.</summary>
    public JsonSerializerOptions Options => SerializerOptions;
}
