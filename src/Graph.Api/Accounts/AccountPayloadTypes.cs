using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed class SignUpPayloadType : PayloadType<SignInPayload>
{
    public SignUpPayloadType()
        : base("SignUpPayload")
    {
        AddSignInFields(this);
        Errors(typeof(EmailTakenErrorType), typeof(InvalidEmailErrorType), typeof(WeakPasswordErrorType), typeof(InvalidDisplayNameErrorType));
    }

    internal static void AddSignInFields(ObjectGraphType<SignInPayload> payload)
    {
        payload.Field(p => p.Token, nullable: true).Description("A bearer token (JWT) for the new session.");
        payload.Field<UserType, User>("user").Description("The signed-in user.").Resolve(context => context.Source.User);
    }
}

public sealed class LogInPayloadType : PayloadType<SignInPayload>
{
    public LogInPayloadType()
        : base("LogInPayload")
    {
        SignUpPayloadType.AddSignInFields(this);
        Errors(typeof(InvalidCredentialsErrorType));
    }
}
