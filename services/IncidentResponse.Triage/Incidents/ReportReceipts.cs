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

    /// <summary>
    /// The receipt <paramref name="message"/> owes, filed under <paramref name="incidentNumber"/> (labelled <paramref name="tlp"/>;
    /// <paramref name="quoted"/> when the report quoted it, <paramref name="closed"/> when it is closed); null when it owes none.
    /// </summary>
    public static SendReportReceipt? For(
        ReportReceived message, Guid incidentId, string incidentNumber, string tlp, bool correlated, DateTimeOffset triagedAt, TriageOptions? options,
        bool quoted = false, bool closed = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mode = options?.Receipts ?? Legal;
        var report = message.Report;
        if (mode == None || (mode == Legal && !report.IsLegalInitialReport))
        {
            return null;
        }

        // The reporter's address, else the contact person's; the receipt is addressed to the person whose address it is.
        var own = Address(report.Reporter?.Email);
        var (to, name, organization) = own is not null
            ? (own, report.Reporter!.Name, report.Reporter.Organization)
            : (Address(report.Contact?.Email), report.Contact?.Name, report.Reporter?.Organization);
        // Threaded under the report's mail only for whoever sent it: the contact person never had that mail.
        return to is null
            ? null
            : new SendReportReceipt(message.ReportId, incidentId, incidentNumber, correlated, to, name, organization, report.Title, tlp, message.Channel,
                report.IsLegalInitialReport, report.Drill, message.ReceivedAt, triagedAt, own is null ? null : message.MessageId, quoted, closed);
    }

    /// <summary>At most this long, a mailbox address (RFC 5321's path limit less its brackets).</summary>
    public const int MaxAddress = 254;

    /// <summary>
    /// The bare mailbox of <paramref name="email"/> (a display name or angle brackets around it dropped), or null when it is
    /// none or longer than <see cref="MaxAddress"/>: a receipt goes to one address, as long as a column and a mail server take.
    /// </summary>
    public static string? Address(string? email) =>
        !string.IsNullOrWhiteSpace(email) && System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var parsed)
            && parsed.Address.Length <= MaxAddress && parsed.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < parsed.Address.Length - 1
            ? parsed.Address
            : null;
}
