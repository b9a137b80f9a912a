using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts.Mfa;

public sealed class InvalidMfaCodeErrorType : ErrorObjectType<InvalidMfaCodeError>;

public sealed class InvalidMfaTicketErrorType : ErrorObjectType<InvalidMfaTicketError>;

public sealed class MfaAlreadyEnabledErrorType : ErrorObjectType<MfaAlreadyEnabledError>;

public sealed class MfaNotEnabledErrorType : ErrorObjectType<MfaNotEnabledError>;

public sealed class MfaEnrollmentNotStartedErrorType : ErrorObjectType<MfaEnrollmentNotStartedError>;
