using System.Security.Claims;
using Graph.Api.Data;

namespace Graph.Api.Accounts.Audit;

/// <summary>
/// Records security-relevant acts twice: a row in <c>AuditEvents</c>, added to the caller's unit of
/// work so that it commits with the change it describes (or not at all), and a structured log event
/// (<c>Audit</c>, event id 4100) for the log pipeline and its alerts.
/// </summary>
public sealed partial class AuditTrail(TimeProvider time, ILogger<AuditTrail> logger)
{
    public const string RoleChanged = "user.role.changed";
    public const string MfaReset = "user.mfa.reset";

    /// <summary>Adds the row to <paramref name="db"/> (saved by the caller) and logs the event once it is.</summary>
    public AuditEvent Add(ShopDbContext db, ClaimsPrincipal? actor, string action, int subjectUserId, string? detail)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = new AuditEvent
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorUserId = actor.GetUserId(),
            Action = action,
            SubjectUserId = subjectUserId,
            Detail = detail,
        };
        db.AuditEvents.Add(row);
        return row;
    }

    /// <summary>Logs a saved row.</summary>
    public void Logged(AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        LogAudit(logger, row.Action, row.ActorUserId, row.SubjectUserId, row.Detail);
    }

    [LoggerMessage(EventId = 4100, EventName = "Audit", Level = LogLevel.Warning, Message = "Audit {Action}: user {ActorUserId} on user {SubjectUserId} ({Detail})")]
    private static partial void LogAudit(ILogger logger, string action, int? actorUserId, int? subjectUserId, string? detail);
}
