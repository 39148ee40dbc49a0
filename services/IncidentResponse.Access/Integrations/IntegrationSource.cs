using IncidentResponse.Access.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Access.Integrations;

/// <summary>
/// A monitoring source (Alertmanager, Grafana, Zabbix, a heartbeat) and the defaults its events get.
/// Its credential is an <see cref="ApiKey"/> with role <c>integration</c> and the same id: the same
/// key is the Events API <c>routing_key</c> and the bearer token of the webhook and heartbeat calls.
/// </summary>
public sealed class IntegrationSource
{
    /// <summary>The id of its <see cref="ApiKey"/>.</summary>
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary><see cref="IntegrationKinds"/>: what the source speaks, and the one door its key opens.</summary>
    public required string Kind { get; set; }

    /// <summary>RSIT <c>class:type</c> its reports get.</summary>
    public required string Classification { get; set; }

    /// <summary>Owner agency (chủ quản) of the systems it watches.</summary>
    public string? OwnerAgency { get; set; }

    public required string Tlp { get; set; }

    /// <summary>The security level (cấp độ 1–5) of the systems it watches, when they share one: what makes an alert serious.</summary>
    public int? SecurityLevel { get; set; }

    /// <summary>The Internet service provider of the systems it watches (e.g. VNPT): routing engages that provider.</summary>
    public string? Isp { get; set; }

    /// <summary>Whether the owner can handle an incident of these systems by itself (null: not known).</summary>
    public bool? OwnerCanHandle { get; set; }

    /// <summary>
    /// The system of the province's register it watches (intake's <c>information_systems</c>): its alerts name it, and get
    /// the register's approved facts (level, national list, owner, ISP) where the integration sets none of its own.
    /// </summary>
    public string? SystemCode { get; set; }

    /// <summary>JSON of <c>Dictionary&lt;string, SeverityImpact&gt;</c>: the source's severity → our impact factors.</summary>
    public required string SeverityMap { get; set; }

    /// <summary><see cref="ResolveBehaviours"/>: whether a resolve from the source closes the incident or only annotates it.</summary>
    public required string OnResolve { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}

public static class IntegrationKinds
{
    public const string EventsV2 = "events-v2";
    public const string Alertmanager = "alertmanager";
    public const string Heartbeat = "heartbeat";

    public static IReadOnlyList<string> All { get; } = [EventsV2, Alertmanager, Heartbeat];
}

public static class ResolveBehaviours
{
    /// <summary>The incident is closed (resolution <c>resolved-at-source</c>) unless other alerts on it still fire.</summary>
    public const string Resolve = "resolve";

    /// <summary>The incident stays as it is; the recovery is written on its timeline.</summary>
    public const string Annotate = "annotate";

    public static IReadOnlyList<string> All { get; } = [Resolve, Annotate];
}

internal sealed class IntegrationSourceConfiguration : IEntityTypeConfiguration<IntegrationSource>
{
    public void Configure(EntityTypeBuilder<IntegrationSource> builder)
    {
        builder.ToTable("integrations");
        builder.HasKey(i => i.Id);
        builder.HasOne<ApiKey>().WithOne().HasForeignKey<IntegrationSource>(i => i.Id);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Kind).HasMaxLength(30);
        builder.Property(i => i.Classification).HasMaxLength(100);
        builder.Property(i => i.OwnerAgency).HasMaxLength(500);
        builder.Property(i => i.Tlp).HasMaxLength(20);
        builder.Property(i => i.Isp).HasMaxLength(200);
        builder.Property(i => i.SystemCode).HasMaxLength(40);
        builder.Property(i => i.OnResolve).HasMaxLength(20);
        builder.Property(i => i.CreatedBy).HasMaxLength(200);
    }
}
