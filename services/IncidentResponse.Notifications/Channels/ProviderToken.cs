using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// A provider's OAuth tokens as last refreshed (Zalo: the access token and the refresh token, which works once and is
/// replaced by each refresh, so every Host must use the newest). Guarded by <see cref="Version"/>: of two Hosts
/// refreshing at once, one stores its tokens and the other reads them.
/// </summary>
public sealed class ProviderToken
{
    /// <summary>e.g. <c>zalo</c>.</summary>
    public required string Provider { get; set; }

    public required string AccessToken { get; set; }

    public required string RefreshToken { get; set; }

    public DateTimeOffset AccessTokenExpiresAt { get; set; }

    /// <summary>The refresh token configured when this row was first stored: a new one in configuration replaces the row.</summary>
    public required string SeededFrom { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class ProviderTokenConfiguration : IEntityTypeConfiguration<ProviderToken>
{
    public void Configure(EntityTypeBuilder<ProviderToken> builder)
    {
        builder.ToTable("provider_tokens");
        builder.HasKey(t => t.Provider);
        builder.Property(t => t.Provider).HasMaxLength(40);
        builder.Property(t => t.AccessToken).HasMaxLength(2000);
        builder.Property(t => t.RefreshToken).HasMaxLength(2000);
        builder.Property(t => t.SeededFrom).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}
