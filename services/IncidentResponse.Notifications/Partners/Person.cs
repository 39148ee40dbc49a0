using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Partners;

/// <summary>A person of a partner unit: how to reach them, in which language and time zone.</summary>
public sealed class Person
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string UnitCode { get; set; }

    public string? Email { get; set; }

    /// <summary>In E.164 (<c>+84912345678</c>).</summary>
    public string? Phone { get; set; }

    /// <summary>The person's own channels in order, as JSON (<see cref="ContactChannel"/>s); null: SMS, then e-mail.</summary>
    public string? Channels { get; set; }

    public required string Language { get; set; }

    public required string TimeZone { get; set; }

    public required string Source { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(80);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.UnitCode).HasMaxLength(40);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.Language).HasMaxLength(5);
        builder.Property(p => p.TimeZone).HasMaxLength(60);
        builder.Property(p => p.Source).HasMaxLength(60);
        builder.HasIndex(p => p.UnitCode);
    }
}
