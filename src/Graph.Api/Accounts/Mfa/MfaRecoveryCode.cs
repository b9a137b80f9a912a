using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Accounts.Mfa;

/// <summary>One of the ten one-time codes handed out when MFA is turned on, stored hashed; used once.</summary>
public sealed class MfaRecoveryCode
{
    public int Id { get; set; }

    public int UserId { get; set; }

    /// <summary>A password-hasher hash of the code; the code itself is shown once and never stored.</summary>
    public required string CodeHash { get; set; }

    /// <summary>When it was used; a used code never works again.</summary>
    public DateTime? UsedAt { get; set; }
}

internal sealed class MfaRecoveryCodeConfiguration : IEntityTypeConfiguration<MfaRecoveryCode>
{
    public void Configure(EntityTypeBuilder<MfaRecoveryCode> builder)
    {
        builder.Property(c => c.CodeHash).HasMaxLength(512);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.UserId);
    }
}
