using Graph.Api.Schema;
using GraphQL.Types;

namespace Graph.Api.Accounts;

public sealed record SignUpInput(string Email, string Password, string DisplayName);

public sealed record LogInInput(string Email, string Password);

public sealed class SignUpInputType : InputObjectGraphType<SignUpInput>
{
    public SignUpInputType()
    {
        Name = "SignUpInput";
        Field(i => i.Email);
        Field(i => i.Password);
        Field(i => i.DisplayName).Validate(DisplayText.SingleLine("displayName"));
    }
}

public sealed class LogInInputType : InputObjectGraphType<LogInInput>
{
    public LogInInputType()
    {
        Name = "LogInInput";
        Field(i => i.Email);
        Field(i => i.Password);
    }
}
