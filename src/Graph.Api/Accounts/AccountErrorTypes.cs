using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed class EmailTakenErrorType : ErrorObjectType<EmailTakenError>
{
    public EmailTakenErrorType() => Field(e => e.Email);
}

public sealed class InvalidEmailErrorType : ErrorObjectType<InvalidEmailError>
{
    public InvalidEmailErrorType() => Field(e => e.Email);
}

public sealed class WeakPasswordErrorType : ErrorObjectType<WeakPasswordError>
{
    public WeakPasswordErrorType() =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, IReadOnlyList<string>>("reasons")
            .Description("Each rule the password breaks.")
            .Resolve(context => context.Source.Reasons);
}

public sealed class InvalidDisplayNameErrorType : ErrorObjectType<InvalidDisplayNameError>
{
    public InvalidDisplayNameErrorType() => Field(e => e.DisplayName);
}

public sealed class InvalidCredentialsErrorType : ErrorObjectType<InvalidCredentialsError>;

public sealed class UserNotFoundErrorType : ErrorObjectType<UserNotFoundError>
{
    public UserNotFoundErrorType() => Field(e => e.UserId, type: typeof(NonNullGraphType<IdGraphType>));
}

public sealed class LastAdminErrorType : ErrorObjectType<LastAdminError>;
