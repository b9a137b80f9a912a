using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Accounts.Audit;

/// <summary>
/// A security-relevant act of one user on an account (a role change, an MFA reset), kept in the
/// database so that it survives log rotation and is backed up with the accounts it concerns.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who did it (null for the system).</summary>
    public int? ActorUserId { get; set; }

    /// <summary>What was done, e.g. <c>user.role.changed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The account it was done to.</summary>
    public int? SubjectUserId { get; set; }

    /// <summary>The particulars, e.g. <c>STAFF -> CUSTOMER</c>.</summary>
    public string? Detail { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasIndex(e => e.SubjectUserId);
        builder.HasIndex(e => e.At);
    }
}
