using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Reports;
using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Turns an e-mail into a report through the same validation as the API: the sender is the
/// reporter, the subject the title, the text the description. A "[TBSC]" subject marks the legal
/// initial report, whose "Label: value" lines fill the form's fields (Mẫu 03: system, reporter, contact person,
/// Hiện trạng, Cách thức phát hiện, Đã thông báo cho, the yes/no facts of the legal tests, …). A message is never refused:
/// when what it says does not validate, the form's fields are dropped, then everything but the text.
/// A subject with "[DIỄN TẬP", "[DRILL" or "[EXERCISE" (a reply to a drill notice too) files a drill.
/// </summary>
public static partial class EmailReport
{
    public static IncidentReport Build(MimeMessage message, EmailIntakeOptions options, DateTimeOffset now, DetectionBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var subject = Flatten(message.Subject ?? string.Empty);
        var title = Clip(subject.Length == 0 ? "(Thư không có tiêu đề / no subject)" : subject, ReportValidation.MaxTitle);
        var description = Clip(Describe(message), ReportValidation.MaxDescription);
        var reporter = new ReportRequest.ReporterBody(Clip(sender?.Name, ReportValidation.MaxText), null, sender?.Address, null, null);
        var legal = title.StartsWith("[TBSC]", StringComparison.OrdinalIgnoreCase);
        // A reply to a receipt or a notice, or a progress report, names its incident in the subject ("Re: … SC-2026-00042 …").
        var basic = new ReportRequest(title, description, null, options.Tlp, null, reporter, null, null, null, null, null, DetectionMethods.Notified, null, null, null, legal,
            IsDrill(subject) ? true : null, QuotedIncidentNumbers.FirstIn(subject));

        var attempts = new List<ReportRequest>();
        if (legal)
        {
            var form = WithForm(basic, InitialReportForm.Read(description));
            attempts.Add(form);
            // A detection time out of bounds drops only itself, not the whole form.
            attempts.Add(form with { DetectedAt = null });
        }

        attempts.Add(basic);
        attempts.Add(basic with { Reporter = reporter with { Email = null } });
        attempts.Add(basic with { Reporter = null, Tlp = null });
        foreach (var request in attempts)
        {
            var (report, _) = ReportValidation.Validate(request, now, bounds);
            if (report is not null)
            {
                return report;
            }
        }

        throw new InvalidOperationException("an e-mail's bare text did not validate as a report");
    }

    private static readonly string[] DrillMarks = ["[DIỄN TẬP", "[DRILL", "[EXERCISE"];

    private static bool IsDrill(string subject)
    {
        var normal = subject.Normalize(NormalizationForm.FormC);
        return DrillMarks.Any(mark => normal.Contains(mark, StringComparison.OrdinalIgnoreCase));
    }

    private static ReportRequest WithForm(ReportRequest basic, IReadOnlyDictionary<string, string> form)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) ? Clip(v, ReportValidation.MaxText) : null;
        var system = form.Count == 0 ? null : new ReportRequest.AffectedSystemBody(
            Field("system"), Field("ownerAgency"), Field("operator"),
            int.TryParse(Field("securityLevel")?.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) ? level : null,
            Field("isp"), Field("securityProvider"),
            Field("domains") is { } d ? InitialReportForm.Items(d) : null,
            Field("ips") is { } i ? InitialReportForm.Items(i) : null,
            Field("services") is { } services ? InitialReportForm.Names(services) : null,
            Field("operatingSystem"), Field("purpose"));
        bool? Answer(string name) => Field(name) is { } v ? InitialReportValues.YesNo(v) : null;
        var ownerCanHandle = Answer("ownerCanHandle") ?? (Answer("beyondCapacity") is { } beyond ? !beyond : null);
        var impact = new ReportRequest.ImpactBody(null, null, null, Answer("serviceInterrupted"), ownerCanHandle, Answer("personalData"), Answer("nationalSecurity"),
            Answer("stateSecrets"), Answer("maySpread"));
        var contact = (Field("contactName") ?? Field("contactPosition") ?? Field("contactPhone") ?? Field("contactEmail")) is null
            ? null
            : new ReportRequest.ContactBody(Field("contactName"), Field("contactPosition"), Field("contactPhone"), Field("contactEmail"));
        return basic with
        {
            AffectedSystem = system,
            DetectedAt = Field("detectedAt") is { } at ? InitialReportForm.DetectedAt(at) : null,
            Classification = Field("classification"),
            Reporter = basic.Reporter! with
            {
                Name = Field("reporterName") ?? basic.Reporter.Name, Phone = Field("phone"), Organization = Field("organization"), Address = Field("address"),
            },
            Contact = contact,
            Impact = impact,
            CurrentStatus = Field("currentStatus") is { } status ? InitialReportValues.Status(status) : null,
            DetectionMethod = Field("detectionMethod") is { } how ? InitialReportValues.DetectionMethod(how) : basic.DetectionMethod,
            AlreadyNotified = Field("alreadyNotified") is { } told ? InitialReportForm.Names(told) : null,
            MeasuresInPlace = Field("measuresInPlace") is { } measures ? InitialReportForm.Names(measures) : null,
            Recommendations = Field("recommendations"),
        };
    }

    private static string Describe(MimeMessage message)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
        {
            text = WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(html, "\n"), string.Empty));
        }

        var body = new StringBuilder();
        // A NUL cannot be stored in PostgreSQL text; a mail that carries one must still become a report.
        body.AppendLine(string.IsNullOrWhiteSpace(text) ? "(Thư không có nội dung / empty message)" : text.Replace("\0", string.Empty, StringComparison.Ordinal).Trim());
        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"Nhận qua thư điện tử / Received by e-mail: {message.From}");
        if (message.Date != DateTimeOffset.MinValue)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Gửi lúc / Sent: {message.Date:yyyy-MM-dd HH:mm:ss zzz}");
        }

        if (!string.IsNullOrEmpty(message.MessageId))
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Message-ID: <{message.MessageId}>");
        }

        return body.ToString().TrimEnd();
    }

    /// <summary>One line without control characters (a NUL cannot be stored in PostgreSQL text).</summary>
    private static string Flatten(string value) => HeaderValue.Fit(value, int.MaxValue);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Clip(string? value, int max) => value is null ? null : HeaderValue.Cut(value, max);

    [GeneratedRegex("<(br|/p|/div|/li|/tr|/h[1-6])[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
