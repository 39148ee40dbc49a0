using System.Text.Json;
using IncidentResponse.Contracts.Api.Systems;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Systems;

/// <summary>
/// The register's part in a report: a report naming a registered system's code gets the affected system's fields it left
/// blank from the register, so the facts triage weighs (security level, ISP, owner) are the approved ones, not retyped.
/// What the report states stays (the reporter may know of a change the register does not have yet). The committee's staff
/// (coordinators, operators), who read the register anyway, get every field (<see cref="Fill"/>); an alert of a monitoring
/// source naming a system gets the facts only (<see cref="FillFacts"/>), since its key may read back its report; an
/// e-mailed report names no code.
/// </summary>
public static class SystemRegister
{
    /// <summary>The field a code is named in, and at fault in.</summary>
    public const string CodeField = "affectedSystem.code";

    /// <summary>
    /// The report with its registered system's fields filled in (by <paramref name="fill"/>, <see cref="Fill"/> when not given),
    /// or the error naming <see cref="CodeField"/>: no active system has the code. A report that names no code is returned as it
    /// came, with no read.
    /// </summary>
    public static async Task<(IncidentReport? Report, string? Error)> ApplyAsync(
        IncidentReport report, Func<IntakeDbContext> db, CancellationToken cancellationToken, Func<AffectedSystem, InformationSystem, AffectedSystem>? fill = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(db);
        if (report.AffectedSystem is not { Code: { } code } given)
        {
            return (report, null);
        }

        var registered = await db().InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code && s.Active, cancellationToken);
        return registered is null
            ? (null, $"Không có hệ thống đang dùng với mã '{code}' trong danh mục / no active system of the register has the code '{code}'")
            : (report with { AffectedSystem = (fill ?? Fill)(given, registered) }, null);
    }

    /// <summary>The report's system, each blank field taken from the register.</summary>
    public static AffectedSystem Fill(AffectedSystem given, InformationSystem registered)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(registered);
        return FillFacts(given, registered) with
        {
            Name = given.Name ?? registered.Name,
            Operator = given.Operator ?? registered.Operator,
            SecurityProvider = given.SecurityProvider ?? registered.SecurityProvider,
            Domains = given.Domains.Count > 0 ? given.Domains : Items(registered.Domains),
            Ips = given.Ips.Count > 0 ? given.Ips : Items(registered.Ips),
            Services = given.Services.Count > 0 ? given.Services : Items(registered.Services),
            OperatingSystem = given.OperatingSystem ?? registered.OperatingSystem,
            Purpose = given.Purpose ?? registered.Purpose,
        };
    }

    /// <summary>
    /// The facts triage and routing weigh (level, national list, owner, ISP), each blank one taken from the register: what a
    /// monitoring source's alert gets. Not the system's addresses or software, which the source's key must not read back
    /// through the report it filed.
    /// </summary>
    public static AffectedSystem FillFacts(AffectedSystem given, InformationSystem registered)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(registered);
        return given with
        {
            OwnerAgency = given.OwnerAgency ?? registered.OwnerAgency,
            SecurityLevel = given.SecurityLevel ?? registered.SecurityLevel,
            Isp = given.Isp ?? registered.Isp,
            // An entry the committee never marked says nothing either way: "not known", not "off the list".
            NationalCritical = given.NationalCritical ?? (registered.NationalCritical ? true : null),
        };
    }

    public static InformationSystemView View(InformationSystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Code, s.Name, s.OwnerAgency, s.Operator, s.SecurityLevel, s.LevelApproval, s.Isp, s.SecurityProvider, Items(s.Domains), Items(s.Ips),
            Items(s.Services), s.OperatingSystem, s.Purpose, s.Active, s.UpdatedAt, s.UpdatedBy, s.Version, s.NationalCritical);
    }

    public static string Json(IReadOnlyList<string> items) => JsonSerializer.Serialize(items);

    private static List<string> Items(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
