using Graph.Api.Accounts.Mfa;
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
        payload.Field<NonNullGraphType<BooleanGraphType>, bool>("mfaEnrollmentRequired")
            .Description("STAFF and ADMIN without MFA: the token allows only me and the enrolment mutations until beginMfaEnrollment and confirmMfaEnrollment.")
            .Resolve(context => context.Source is { Token: not null, User: { MustUseMfa: true, MfaEnabled: false } });
    }
}

public sealed class LogInPayloadType : PayloadType<SignInPayload>
{
    public LogInPayloadType()
        : base("LogInPayload")
    {
        SignUpPayloadType.AddSignInFields(this);
        Field<MfaChallengeType, MfaChallenge>("mfaChallenge")
            .Description("The account has MFA: no token yet; answer the challenge with verifyMfa.")
            .Resolve(context => context.Source.Challenge);
        Errors(typeof(InvalidCredentialsErrorType));
    }
}

public sealed class VerifyMfaPayloadType : PayloadType<SignInPayload>
{
    public VerifyMfaPayloadType()
        : base("VerifyMfaPayload")
    {
        SignUpPayloadType.AddSignInFields(this);
        Errors(typeof(InvalidMfaCodeErrorType), typeof(InvalidMfaTicketErrorType));
    }
}

public sealed class DisableMfaPayloadType : PayloadType<SignInPayload>
{
    public DisableMfaPayloadType()
        : base("DisableMfaPayload")
    {
        SignUpPayloadType.AddSignInFields(this);
        Errors(typeof(InvalidMfaCodeErrorType), typeof(MfaNotEnabledErrorType));
    }
}

public sealed class ChangePasswordPayloadType : PayloadType<SignInPayload>
{
    public ChangePasswordPayloadType()
        : base("ChangePasswordPayload")
    {
        SignUpPayloadType.AddSignInFields(this);
        Errors(typeof(InvalidCredentialsErrorType), typeof(WeakPasswordErrorType));
    }
}

public sealed class SetUserRolePayloadType : PayloadType<UserPayload>
{
    public SetUserRolePayloadType()
        : base("SetUserRolePayload")
    {
        Field<UserType, User>("user").Description("The account with its new role.").Resolve(context => context.Source.User);
        Errors(typeof(UserNotFoundErrorType), typeof(LastAdminErrorType));
    }
}

public sealed class ResetUserMfaPayloadType : PayloadType<UserPayload>
{
    public ResetUserMfaPayloadType()
        : base("ResetUserMfaPayload")
    {
        Field<UserType, User>("user").Description("The account, its MFA off.").Resolve(context => context.Source.User);
        Errors(typeof(UserNotFoundErrorType));
    }
}

public sealed class LogOutEverywherePayloadType : PayloadType<LogOutEverywherePayload>
{
    public LogOutEverywherePayloadType()
        : base("LogOutEverywherePayload")
    {
        Field(p => p.RevokedAt).Description("Every token issued before this no longer works (within seconds, on every instance and open connection).");
    }
}
