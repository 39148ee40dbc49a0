using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>A credential for a machine or script. Only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Role { get; set; }

    /// <summary>For a responder: the unit (directory code) it acts for; null otherwise.</summary>
    public string? Unit { get; set; }

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The key's first characters, to recognise it in lists without revealing it.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key stops opening anything by itself (the bootstrap key's, or one given when issued); null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Whether the key opens the API at <paramref name="now"/>: neither revoked nor expired by then.</summary>
    public bool IsValidAt(DateTimeOffset now) => !(RevokedAt <= now) && !(ExpiresAt <= now);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Role).HasMaxLength(50);
        builder.Property(k => k.Unit).HasMaxLength(40);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.CreatedBy).HasMaxLength(200);
        builder.HasIndex(k => k.KeyHash).IsUnique();
    }
}
