using System.Text.Json.Nodes;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Tests.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Http;

public class TruncatedBodyTests
{
    [Fact]
    public async Task A_body_that_ends_before_its_content_length_is_a_400_with_a_code()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        var pipeline = new ApplicationBuilder(app.Services).UseMiddleware<GraphQLHttpMiddleware<ExecutionHost.TestSchema>>().Build();
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/graphql";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = 100;
        context.Request.Body = new EndsEarlyStream(); // what Kestrel reports when the client stops sending
        var response = new MemoryStream();
        context.Response.Body = response;

        await pipeline(context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var json = JsonNode.Parse(response.ToArray())!;
        Assert.Equal(ErrorCodes.InvalidRequest, json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private sealed class EndsEarlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw Ended();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(Ended());

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(Ended());

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static BadHttpRequestException Ended() => new("Unexpected end of request content.", StatusCodes.Status400BadRequest);
    }
}
