using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Access.SignIn;

/// <summary>A person's TOTP authenticator: the secret (protected with Data Protection), when it was confirmed and the last time step used.</summary>
public sealed class TotpEnrolment
{
    public Guid UserId { get; set; }

    /// <summary>The base32 secret, protected (<see cref="TwoFactorCodes.Purpose"/>); never stored in clear.</summary>
    public string ProtectedSecret { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null until the person typed a right code; an unconfirmed secret is not asked at sign-in.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>The last time step a code was accepted for: a code of that step or an earlier one is refused (single use).</summary>
    public long LastUsedStep { get; set; }

    /// <summary>SHA-256 hashes (hex, space separated) of the recovery codes not yet used.</summary>
    public string RecoveryCodeHashes { get; set; } = string.Empty;
}

internal sealed class TotpEnrolmentConfiguration : IEntityTypeConfiguration<TotpEnrolment>
{
    public void Configure(EntityTypeBuilder<TotpEnrolment> builder)
    {
        builder.ToTable("totp_enrolments");
        builder.HasKey(e => e.UserId);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        builder.Property(e => e.RecoveryCodeHashes).HasMaxLength(1000).IsConcurrencyToken();
        builder.Property(e => e.LastUsedStep).IsConcurrencyToken();
        builder.HasOne<People.ConsoleUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
