using Graph.AspNetCore.Mutations;

namespace Graph.Api.Accounts;

public sealed record EmailTakenError(string Email) : IPayloadError
{
    public string Message => "An account with this email already exists.";
}

public sealed record InvalidEmailError(string Email) : IPayloadError
{
    public string Message => "This is not a valid email address.";
}

public sealed record WeakPasswordError(IReadOnlyList<string> Reasons) : IPayloadError
{
    public string Message => "The password is too weak: " + string.Join(" ", Reasons);
}

public sealed record InvalidDisplayNameError(string DisplayName) : IPayloadError
{
    public string Message => $"A display name has 1 to {PasswordPolicy.MaxDisplayNameLength} characters.";
}

/// <summary>One message for an unknown email and a wrong password, so that neither is revealed.</summary>
public sealed record InvalidCredentialsError : IPayloadError
{
    public string Message => "The email or password is wrong.";
}

public sealed record UserNotFoundError(string UserId) : IPayloadError
{
    public string Message => "No account has this id.";
}

/// <summary>The shop always keeps an ADMIN: the last one cannot be demoted.</summary>
public sealed record LastAdminError : IPayloadError
{
    public string Message => "This is the last ADMIN; promote another account first.";
}
