using GraphQL.Types;

namespace Graph.Api.Accounts.Mfa;

public sealed record MfaCodeInput(string Code);

public sealed record VerifyMfaInput(string Ticket, string Code);

public sealed record ResetUserMfaInput(string UserId);

public sealed class ConfirmMfaEnrollmentInputType : InputObjectGraphType<MfaCodeInput>
{
    public ConfirmMfaEnrollmentInputType()
    {
        Name = "ConfirmMfaEnrollmentInput";
        Field(i => i.Code).Description("The current six-digit code of the authenticator app.");
    }
}

public sealed class DisableMfaInputType : InputObjectGraphType<MfaCodeInput>
{
    public DisableMfaInputType()
    {
        Name = "DisableMfaInput";
        Field(i => i.Code).Description("The current six-digit code of the authenticator app.");
    }
}

public sealed class VerifyMfaInputType : InputObjectGraphType<VerifyMfaInput>
{
    public VerifyMfaInputType()
    {
        Name = "VerifyMfaInput";
        Field(i => i.Ticket).Description("The ticket of the challenge logIn returned.");
        Field(i => i.Code).Description("A six-digit code of the authenticator app, or an unused recovery code.");
    }
}

public sealed class ResetUserMfaInputType : InputObjectGraphType<ResetUserMfaInput>
{
    public ResetUserMfaInputType()
    {
        Name = "ResetUserMfaInput";
        Field(i => i.UserId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}
