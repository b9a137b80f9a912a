using Graph.Api.Accounts.Audit;
using Graph.Api.Accounts.Mfa;
using Graph.Api.Accounts.Sessions;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Accounts;

/// <summary>
/// <c>setUserRole</c> and <c>resetUserMfa</c>: ADMIN only, with the second factor. Each is audited
/// (<see cref="AuditTrail"/>) and revokes the account's tokens, so a demotion takes effect within seconds.
/// </summary>
public sealed class AdminAccountMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<SetUserRoleInputType, SetUserRolePayloadType, UserPayload>("setUserRole")
            .Description("Gives an account a role (ADMIN). The last ADMIN cannot be demoted. Revokes the account's tokens.")
            .RequireRoles(ShopRoles.Admin)
            .RequireMfa()
            .ResolveAsync(async context => await SetRoleAsync(context, context.GetInput<SetUserRoleInput>()));

        mutation.MutationField<ResetUserMfaInputType, ResetUserMfaPayloadType, UserPayload>("resetUserMfa")
            .Description("Turns another account's multi-factor authentication off, e.g. after a lost phone (ADMIN). Revokes the account's tokens.")
            .RequireRoles(ShopRoles.Admin)
            .RequireMfa()
            .ResolveAsync(async context => await ResetMfaAsync(context, context.GetInput<ResetUserMfaInput>().UserId));
    }

    private static async Task<UserPayload> SetRoleAsync(IResolveFieldContext context, SetUserRoleInput input)
    {
        if (!GlobalId.TryDecode(input.UserId, "User", out var id))
        {
            return UserPayload.Failed(new UserNotFoundError(input.UserId));
        }

        var services = context.RequestServices!;
        var db = services.GetRequiredService<ShopDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await db.SerializeAsync(WriteLocks.Roles, context.CancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken);
        if (user is null)
        {
            return UserPayload.Failed(new UserNotFoundError(input.UserId));
        }

        if (user.Role == input.Role)
        {
            return new UserPayload(user, null);
        }

        if (user.Role == Role.Admin && !await db.Users.AnyAsync(u => u.Role == Role.Admin && u.Id != id, context.CancellationToken))
        {
            return UserPayload.Failed(new LastAdminError());
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var row = audit.Add(db, context.User, AuditTrail.RoleChanged, id, $"{ShopClaims.RoleName(user.Role)} -> {ShopClaims.RoleName(input.Role)}");
        user.Role = input.Role;
        await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(db, user, context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        audit.Logged(row);
        return new UserPayload(user, null);
    }

    private static async Task<UserPayload> ResetMfaAsync(IResolveFieldContext context, string userId)
    {
        if (!GlobalId.TryDecode(userId, "User", out var id))
        {
            return UserPayload.Failed(new UserNotFoundError(userId));
        }

        var services = context.RequestServices!;
        var db = services.GetRequiredService<ShopDbContext>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken);
        if (user is null)
        {
            return UserPayload.Failed(new UserNotFoundError(userId));
        }

        var audit = services.GetRequiredService<AuditTrail>();
        var row = audit.Add(db, context.User, AuditTrail.MfaReset, id, user.MfaEnabled ? "MFA was on" : "MFA was off");
        await MfaReset.ClearAsync(db, user, context.CancellationToken);
        await services.GetRequiredService<SessionRevocation>().SaveRevokingAsync(db, user, context.CancellationToken);
        audit.Logged(row);
        return new UserPayload(user, null);
    }
}
