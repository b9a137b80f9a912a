using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        // Set from the column when read; through the property when written, whose getter makes a new user's stamp (User.SecurityStamp).
        builder.Property(u => u.SecurityStamp).HasMaxLength(64).UsePropertyAccessMode(PropertyAccessMode.PreferFieldDuringConstruction);
        builder.Property(u => u.MfaSecret).HasMaxLength(1024);
        builder.Property(u => u.MfaPendingSecret).HasMaxLength(1024);
    }
}
