using System.Globalization;
using System.Net;
using System.Net.Mail;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Intake.Reports;

/// <summary>Turns a request into a report, or into errors keyed by the field at fault (bilingual messages).</summary>
public static class ReportValidation
{
    public const int MaxTitle = 300;
    public const int MaxDescription = 20_000;
    public const int MaxText = 500;
    public const int MaxItems = 500;
    private static readonly string[] CurrentStatuses = ["handled", "not-handled"];

    public static (IncidentReport? Report, Dictionary<string, string[]> Errors) Validate(ReportRequest request, DateTimeOffset now, DetectionBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ErrorList();

        var title = Text(errors, "title", request.Title, MaxTitle, required: true);
        var description = Text(errors, "description", request.Description, MaxDescription, required: true);
        var classification = string.IsNullOrWhiteSpace(request.Classification) ? Rsit.Undetermined : request.Classification.Trim();
        if (!Rsit.IsKnown(classification))
        {
            errors.Add("classification", $"Không thuộc phân loại RSIT, dạng lớp:kiểu, ví dụ availability:ddos / not an RSIT class:type, e.g. availability:ddos, {Rsit.Undetermined}");
        }

        var tlp = request.Tlp is null ? Tlp.Amber : Tlp.Normalize(request.Tlp);
        if (tlp is null)
        {
            errors.Add("tlp", $"Một trong / one of: {string.Join(", ", Tlp.Labels)}");
        }

        var (detectedAt, assumed) = DetectedAt(errors, request.DetectedAt, now, bounds ?? DetectionBounds.Default);
        var system = System(errors, request.AffectedSystem);
        var impact = Impact(errors, request.Impact);
        var observables = Observables(errors, request.Observables);
        var currentStatus = OneOf(errors, "currentStatus", request.CurrentStatus, CurrentStatuses);
        var detection = OneOf(errors, "detectionMethod", request.DetectionMethod, DetectionMethods.All);
        var notified = List(errors, "alreadyNotified", request.AlreadyNotified);
        var measures = List(errors, "measuresInPlace", request.MeasuresInPlace);
        var recommendations = Text(errors, "recommendations", request.Recommendations, MaxDescription);
        var incidentNumber = string.IsNullOrWhiteSpace(request.IncidentNumber) ? null : QuotedIncidentNumbers.Normalize(request.IncidentNumber);
        if (incidentNumber is not null && !QuotedIncidentNumbers.IsWellFormed(incidentNumber))
        {
            errors.Add("incidentNumber", "Số sự cố dạng SC-2026-00042 / an incident number such as SC-2026-00042");
        }

        var reporter = request.Reporter is { } r
            ? new Reporter(Text(errors, "reporter.name", r.Name, MaxText), Text(errors, "reporter.organization", r.Organization, MaxText),
                Email(errors, "reporter.email", r.Email), Phone(errors, "reporter.phone", r.Phone), Text(errors, "reporter.address", r.Address, MaxText))
            : null;
        var contact = request.Contact is { } c
            ? new ContactPerson(Text(errors, "contact.name", c.Name, MaxText), Text(errors, "contact.position", c.Position, MaxText),
                Phone(errors, "contact.phone", c.Phone), Email(errors, "contact.email", c.Email))
            : null;

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }

        var legal = request.LegalInitialReport ?? title!.StartsWith("[TBSC]", StringComparison.OrdinalIgnoreCase);
        return (new IncidentReport(title!, description!, classification, tlp!, detectedAt, assumed, reporter, contact, system, impact,
            observables, currentStatus, detection, notified, measures, recommendations, legal, Drill: request.Drill == true, IncidentNumber: incidentNumber),
            errors.ToDictionary());
    }

    private static (DateTimeOffset At, bool Assumed) DetectedAt(ErrorList errors, string? value, DateTimeOffset now, DetectionBounds bounds)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (now, true);
        }

        if (!TryParseInstant(value, out var at))
        {
            errors.Add("detectedAt", InstantFormat);
            return (now, false);
        }

        if (at > now + bounds.Lead)
        {
            errors.Add("detectedAt", "Không được ở tương lai / must not be in the future");
        }
        else if (at < now - bounds.LookBack)
        {
            // Legal deadlines run from this time: one far in the past would start them already overdue.
            errors.Add("detectedAt", $"Không được sớm hơn {bounds.LookBack.TotalDays:0.#} ngày trước khi báo cáo / must not be more than {bounds.LookBack.TotalDays:0.#} days before the report");
        }

        return (at, false);
    }

    /// <summary>What an instant must look like, in the words of a problem naming the field.</summary>
    public const string InstantFormat =
        "Thời điểm ISO 8601 có múi giờ, ví dụ 2026-11-25T10:00:00+07:00 / an ISO 8601 time with offset, e.g. 2026-11-25T10:00:00+07:00";

    /// <summary>
    /// An ISO 8601 instant with its offset stated (<c>Z</c> or <c>±hh:mm</c>), to the minute or finer: a time without one would be
    /// read in the server's zone, hours away from what the sender meant.
    /// </summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset at)
    {
        at = default;
        return !string.IsNullOrWhiteSpace(value)
            && DateTimeOffset.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out at)
            && HasOffset(value);
    }

    private static bool HasOffset(string value)
    {
        var t = value.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] == '+' || t[^6] == '-'));
    }

    private static AffectedSystem? System(ErrorList errors, ReportRequest.AffectedSystemBody? body, string prefix = "affectedSystem.")
    {
        if (body is null)
        {
            return null;
        }

        if (body.SecurityLevel is < 1 or > 5)
        {
            errors.Add(prefix + "securityLevel", "Cấp độ từ 1 đến 5 (NĐ 85/2016) / security level 1 to 5");
        }

        var code = body.Code?.Trim();
        if (code is { Length: 0 })
        {
            code = null;
        }
        else if (code is not null && !IsSystemCode(code))
        {
            errors.Add(prefix + "code", SystemCodeFormat);
        }

        var ips = List(errors, prefix + "ips", body.Ips);
        for (var i = 0; i < ips.Count; i++)
        {
            if (!IPAddress.TryParse(ips[i], out _))
            {
                errors.Add($"{prefix}ips[{i}]", "Không phải địa chỉ IP / not an IP address");
            }
        }

        var domains = List(errors, prefix + "domains", body.Domains);
        for (var i = 0; i < domains.Count; i++)
        {
            if (Uri.CheckHostName(domains[i]) != UriHostNameType.Dns)
            {
                errors.Add($"{prefix}domains[{i}]", "Không phải tên miền / not a domain name");
            }
        }

        return new AffectedSystem(
            Text(errors, prefix + "name", body.Name, MaxText),
            Text(errors, prefix + "ownerAgency", body.OwnerAgency, MaxText),
            Text(errors, prefix + "operator", body.Operator, MaxText),
            body.SecurityLevel,
            Text(errors, prefix + "isp", body.Isp, MaxText),
            Text(errors, prefix + "securityProvider", body.SecurityProvider, MaxText),
            domains,
            ips,
            List(errors, prefix + "services", body.Services),
            Text(errors, prefix + "operatingSystem", body.OperatingSystem, MaxText),
            Text(errors, prefix + "purpose", body.Purpose, MaxText),
            code,
            body.NationalCritical);
    }

    /// <summary>What a registered system's code looks like, in the words of a problem naming the field.</summary>
    public const string SystemCodeFormat = "Mã hệ thống: chữ thường không dấu, số, '-' hoặc '.', tối đa 40 ký tự / a system code: lowercase letters, digits, '-' or '.', at most 40 characters";

    /// <summary>A code of the register of information systems: lowercase ASCII letters and digits, '-' and '.', 1–40 characters, starting with a letter or digit.</summary>
    public static bool IsSystemCode(string? code) =>
        code is { Length: > 0 and <= 40 } && (char.IsAsciiLetterLower(code[0]) || char.IsAsciiDigit(code[0]))
        && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');

    /// <summary>The affected system's fields as a report's (<paramref name="prefix"/> names the fields at fault), for the register's entries.</summary>
    public static (AffectedSystem? System, Dictionary<string, string[]> Errors) ValidateSystem(ReportRequest.AffectedSystemBody body, string prefix)
    {
        var errors = new ErrorList();
        var system = System(errors, body, prefix);
        return (errors.Count > 0 ? null : system, errors.ToDictionary());
    }

    private static ImpactAssessment Impact(ErrorList errors, ReportRequest.ImpactBody? body) => body is null
        ? new ImpactAssessment(null, null, null, null, null, null)
        : new ImpactAssessment(
            OneOf(errors, "impact.functional", body.Functional, ImpactScales.Functional),
            OneOf(errors, "impact.information", body.Information, ImpactScales.Information),
            OneOf(errors, "impact.recoverability", body.Recoverability, ImpactScales.Recoverability),
            body.ServiceInterrupted,
            body.OwnerCanHandle,
            body.PersonalData,
            body.NationalSecurityOrPublicOrder,
            body.StateSecrets,
            body.MaySpread);

    private static List<Observable> Observables(ErrorList errors, IReadOnlyList<ReportRequest.ObservableBody?>? items)
    {
        var result = new List<Observable>();
        if (items is null)
        {
            return result;
        }

        if (items.Count > MaxItems)
        {
            errors.Add("observables", $"Tối đa {MaxItems} / at most {MaxItems}");
            return result;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var type = Canonical(items[i]?.Type, ObservableTypes.All);
            var value = items[i]?.Value?.Trim();
            if (type is null)
            {
                errors.Add($"observables[{i}].type", $"Một trong / one of: {string.Join(", ", ObservableTypes.All)}");
                continue;
            }

            if (string.IsNullOrEmpty(value) || value.Length > 2048)
            {
                errors.Add($"observables[{i}].value", "Bắt buộc, tối đa 2048 ký tự / required, at most 2048 characters");
                continue;
            }

            if (type == "ip" && !IPAddress.TryParse(value, out _))
            {
                errors.Add($"observables[{i}].value", "Không phải địa chỉ IP / not an IP address");
                continue;
            }

            result.Add(new Observable(type, value));
        }

        return result;
    }

    private static string? OneOf(ErrorList errors, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null)
        {
            return null;
        }

        var normalized = Canonical(value, allowed);
        if (normalized is null)
        {
            errors.Add(field, $"Một trong / one of: {string.Join(", ", allowed)}");
            return null;
        }

        return normalized;
    }

    /// <summary>The allowed value that matches, ignoring case and surrounding spaces.</summary>
    private static string? Canonical(string? value, IReadOnlyList<string> allowed) =>
        value is null ? null : allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string? Text(ErrorList errors, string field, string? value, int max, bool required = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(field, "Bắt buộc / required");
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add(field, $"Tối đa {max} ký tự / at most {max} characters");
        }

        return trimmed;
    }

    private static List<string> List(ErrorList errors, string field, IReadOnlyList<string?>? values)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxItems)
        {
            errors.Add(field, $"Tối đa {MaxItems} mục / at most {MaxItems} items");
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var item = Text(errors, $"{field}[{i}]", values[i], MaxText, required: true);
            if (item is not null)
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static string? Email(ErrorList errors, string field, string? value)
    {
        var text = Text(errors, field, value, MaxText);
        if (text is not null && !MailAddress.TryCreate(text, out _))
        {
            errors.Add(field, "Không phải địa chỉ thư điện tử / not an e-mail address");
        }

        return text;
    }

    private static string? Phone(ErrorList errors, string field, string? value)
    {
        var text = Text(errors, field, value, 40);
        if (text is not null && !IsPhone(text))
        {
            errors.Add(field, "Chỉ gồm chữ số, +, -, khoảng trắng / digits, +, -, spaces only");
        }

        return text;
    }

    /// <summary>Whether <paramref name="text"/> has only what a written phone number has: digits, <c>+ - . ( )</c> and spaces.</summary>
    public static bool IsPhone(string text) => text.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '.' or '(' or ')');

    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public int Count => _errors.Count;

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
