using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Tests.Authorization;

public class AuthorizationDecisionsTests
{
    [Fact]
    public void Every_denial_of_a_field_is_a_new_error_with_the_same_message_and_code()
    {
        // The engine sets the path and adds a location on the error it is given: one instance shared by
        // the items of a list would carry every item's location and the last item's path.
        var field = new GraphQLField(new GraphQLName("stock"));
        var decisions = new AuthorizationDecisions();
        decisions.Deny(field, new ExecutionError("Sign in to read 'stock'.") { Code = "AUTH_NOT_AUTHENTICATED" });

        Assert.True(decisions.IsDenied(field, out var first));
        Assert.True(decisions.IsDenied(field, out var second));

        Assert.NotSame(first, second);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", second.Code);
        Assert.False(decisions.IsDenied(new GraphQLField(new GraphQLName("stock")), out _));
    }
}
