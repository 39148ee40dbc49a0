using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Policy;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Which triaged reports owe their sender a receipt (QĐ 05/2017 Điều 12: whoever receives a report confirms it at once),
/// as <c>Triage:Receipts</c> says: <see cref="Legal"/> (the default) for legal initial reports — "[TBSC]" by e-mail, or
/// marked so by the form or the API —, <see cref="All"/> for every report, <see cref="None"/> for none. A report owes one
/// only with a reply address: the reporter's e-mail (an e-mailed report's sender), else the contact person's. Machine
/// alerts have neither.
/// </summary>
public static class ReportReceipts
{
    public const string Legal = "legal";
    public const string All = "all";
    public const string None = "none";

    public static readonly IReadOnlySet<string> Modes = new HashSet<string>(StringComparer.Ordinal) { Legal, All, None };

    /// <summary>The receipt <paramref name="message"/> owes, filed under <paramref name="incidentNumber"/> (labelled <paramref name="tlp"/>); null when it owes none.</summary>
    public static SendReportReceipt? For(
        ReportReceived message, Guid incidentId, string incidentNumber, string tlp, bool correlated, DateTimeOffset triagedAt, TriageOptions? options)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mode = options?.Receipts ?? Legal;
        var report = message.Report;
        if (mode == None || (mode == Legal && !report.IsLegalInitialReport))
        {
            return null;
        }

        var to = Address(report.Reporter?.Email) ?? Address(report.Contact?.Email);
        return to is null
            ? null
            : new SendReportReceipt(message.ReportId, incidentId, incidentNumber, correlated, to, report.Reporter?.Name ?? report.Contact?.Name,
                report.Reporter?.Organization, report.Title, tlp, message.Channel, report.IsLegalInitialReport, report.Drill, message.ReceivedAt, triagedAt);
    }

    private static string? Address(string? email) =>
        email?.Trim() is { Length: > 2 } address && address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Length - 1 ? address : null;
}
