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

public sealed record ChangePasswordInput(string CurrentPassword, string NewPassword);

public sealed record SetUserRoleInput(string UserId, Role Role);

public sealed class ChangePasswordInputType : InputObjectGraphType<ChangePasswordInput>
{
    public ChangePasswordInputType()
    {
        Name = "ChangePasswordInput";
        Field(i => i.CurrentPassword);
        Field(i => i.NewPassword);
    }
}

public sealed class SetUserRoleInputType : InputObjectGraphType<SetUserRoleInput>
{
    public SetUserRoleInputType()
    {
        Name = "SetUserRoleInput";
        Field(i => i.UserId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.Role, type: typeof(NonNullGraphType<RoleType>)).Description("The role the account gets.");
    }
}
