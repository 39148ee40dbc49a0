using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Web.Pages.Reports;

/// <summary>
/// Checks what only the form asks before it is sent (messages in the reader's language) and turns it into the body of
/// <c>POST /api/v1/reports</c>; maps the API's field names back onto the form's inputs.
/// </summary>
public static class ReportForm
{
    /// <summary>Vietnam's offset: the form's local times are Vietnamese time.</summary>
    public const string Offset = "+07:00";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["title"] = nameof(ReportInput.Title),
        ["description"] = nameof(ReportInput.Description),
        ["classification"] = nameof(ReportInput.Classification),
        ["tlp"] = nameof(ReportInput.Tlp),
        ["detectedAt"] = nameof(ReportInput.DetectedAt),
        ["reporter.name"] = nameof(ReportInput.ReporterName),
        ["reporter.organization"] = nameof(ReportInput.ReporterOrganization),
        ["reporter.email"] = nameof(ReportInput.ReporterEmail),
        ["reporter.phone"] = nameof(ReportInput.ReporterPhone),
        ["reporter.address"] = nameof(ReportInput.ReporterAddress),
        ["contact.name"] = nameof(ReportInput.ContactName),
        ["contact.position"] = nameof(ReportInput.ContactPosition),
        ["contact.phone"] = nameof(ReportInput.ContactPhone),
        ["contact.email"] = nameof(ReportInput.ContactEmail),
        ["affectedSystem.code"] = nameof(ReportInput.SystemCode),
        ["affectedSystem.name"] = nameof(ReportInput.SystemName),
        ["affectedSystem.ownerAgency"] = nameof(ReportInput.SystemOwnerAgency),
        ["affectedSystem.operator"] = nameof(ReportInput.SystemOperator),
        ["affectedSystem.securityLevel"] = nameof(ReportInput.SystemSecurityLevel),
        ["affectedSystem.isp"] = nameof(ReportInput.SystemIsp),
        ["affectedSystem.securityProvider"] = nameof(ReportInput.SystemSecurityProvider),
        ["affectedSystem.domains"] = nameof(ReportInput.SystemDomains),
        ["affectedSystem.ips"] = nameof(ReportInput.SystemIps),
        ["affectedSystem.services"] = nameof(ReportInput.SystemServices),
        ["affectedSystem.operatingSystem"] = nameof(ReportInput.SystemOperatingSystem),
        ["affectedSystem.purpose"] = nameof(ReportInput.SystemPurpose),
        ["impact.functional"] = nameof(ReportInput.ImpactFunctional),
        ["impact.information"] = nameof(ReportInput.ImpactInformation),
        ["impact.recoverability"] = nameof(ReportInput.ImpactRecoverability),
        ["observables"] = nameof(ReportInput.Observables),
        ["currentStatus"] = nameof(ReportInput.CurrentStatus),
        ["detectionMethod"] = nameof(ReportInput.DetectionMethod),
        ["alreadyNotified"] = nameof(ReportInput.AlreadyNotified),
        ["measuresInPlace"] = nameof(ReportInput.MeasuresInPlace),
        ["recommendations"] = nameof(ReportInput.Recommendations),
        ["incidentNumber"] = nameof(ReportInput.IncidentNumber),
    };

    /// <summary>The input an API field belongs to (<c>affectedSystem.ips[2]</c> → <c>SystemIps</c>); null when the form has none.</summary>
    public static string? FieldOf(string apiField)
    {
        ArgumentNullException.ThrowIfNull(apiField);
        var bracket = apiField.IndexOf('[', StringComparison.Ordinal);
        var key = bracket < 0 ? apiField : apiField[..bracket];
        return Fields.TryGetValue(key, out var field) ? field
            : Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>
    /// What only the form asks (a classification chosen, the caller in the hotline mode) and what only it can read
    /// (its <c>type: value</c> observable lines); each error as (input, message in the reader's language). Everything
    /// else is validated once, by the API, whose field errors land on the inputs (<see cref="FieldOf"/>).
    /// </summary>
    public static List<(string Field, string Message)> Check(ReportInput input, bool hotline, Func<string, string, string> l)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(l);
        var errors = new List<(string, string)>();
        void Required(string? value, string field, string vi, string en)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add((field, l(vi, en)));
            }
        }

        Required(input.Classification, nameof(input.Classification), "Vui lòng chọn loại sự cố.", "Please choose a classification.");
        if (hotline)
        {
            Required(input.ReporterName, nameof(input.ReporterName), "Vui lòng nhập tên người gọi.", "Please enter the caller's name.");
            Required(input.ReporterPhone, nameof(input.ReporterPhone), "Vui lòng nhập số điện thoại người gọi.", "Please enter the caller's phone number.");
        }

        foreach (var line in Lines(input.Observables).Where(line => Observable(line) is null))
        {
            errors.Add((nameof(input.Observables), l($"Dòng \"{line}\": ghi theo dạng loại: giá trị, ví dụ ip: 203.0.113.7 (loại: {string.Join(", ", ObservableTypes.All)}).",
                $"Line \"{line}\": write type: value, e.g. ip: 203.0.113.7 (types: {string.Join(", ", ObservableTypes.All)}).")));
        }

        return errors;
    }

    /// <summary>The body of <c>POST /api/v1/reports</c>: only what was filled in.</summary>
    public static object Body(ReportInput input, bool hotline)
    {
        ArgumentNullException.ThrowIfNull(input);
        var system = Empty(input.SystemName, input.SystemOwnerAgency, input.SystemOperator, input.SystemIsp, input.SystemSecurityProvider, input.SystemDomains,
            input.SystemIps, input.SystemServices, input.SystemOperatingSystem, input.SystemPurpose, input.SystemCode) && input.SystemSecurityLevel is null
            && !input.SystemNationalCritical
            ? null
            : new
            {
                name = Text(input.SystemName), ownerAgency = Text(input.SystemOwnerAgency), @operator = Text(input.SystemOperator),
                securityLevel = input.SystemSecurityLevel, isp = Text(input.SystemIsp), securityProvider = Text(input.SystemSecurityProvider),
                domains = Lines(input.SystemDomains), ips = Lines(input.SystemIps), services = Lines(input.SystemServices),
                operatingSystem = Text(input.SystemOperatingSystem), purpose = Text(input.SystemPurpose), code = Text(input.SystemCode),
                nationalCritical = input.SystemNationalCritical ? true : (bool?)null,
            };
        var reporter = Empty(input.ReporterName, input.ReporterOrganization, input.ReporterEmail, input.ReporterPhone, input.ReporterAddress)
            ? null
            : new { name = Text(input.ReporterName), organization = Text(input.ReporterOrganization), email = Text(input.ReporterEmail), phone = Text(input.ReporterPhone), address = Text(input.ReporterAddress) };
        var contact = Empty(input.ContactName, input.ContactPosition, input.ContactPhone, input.ContactEmail)
            ? null
            : new { name = Text(input.ContactName), position = Text(input.ContactPosition), phone = Text(input.ContactPhone), email = Text(input.ContactEmail) };
        var impact = hotline
            ? null
            : new
            {
                functional = Text(input.ImpactFunctional), information = Text(input.ImpactInformation), recoverability = Text(input.ImpactRecoverability),
                serviceInterrupted = input.ServiceInterrupted,
                ownerCanHandle = YesNo(input.OwnerCanHandle),
                personalData = input.PersonalData,
                nationalSecurityOrPublicOrder = input.NationalSecurityOrPublicOrder ? true : (bool?)null,
                stateSecrets = YesNo(input.StateSecrets),
                maySpread = YesNo(input.MaySpread),
            };
        return new
        {
            title = Text(input.Title),
            description = Text(input.Description),
            classification = Text(input.Classification),
            tlp = Text(input.Tlp),
            detectedAt = string.IsNullOrWhiteSpace(input.DetectedAt) ? null : input.DetectedAt.Trim() + Offset,
            reporter,
            contact,
            affectedSystem = system,
            impact,
            observables = Lines(input.Observables).Select(Observable).Where(o => o is not null).Select(o => new { type = o!.Value.Type, value = o.Value.Value }).ToList(),
            currentStatus = Text(input.CurrentStatus),
            detectionMethod = Text(input.DetectionMethod),
            alreadyNotified = Lines(input.AlreadyNotified),
            measuresInPlace = Lines(input.MeasuresInPlace),
            recommendations = Text(input.Recommendations),
            legalInitialReport = input.LegalInitialReport ? true : (bool?)null,
            drill = input.Drill ? true : (bool?)null,
            incidentNumber = Text(input.IncidentNumber),
        };
    }

    public static List<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary><c>ip: 203.0.113.7</c> → (ip, 203.0.113.7); null for a line without a known type.</summary>
    public static (string Type, string Value)? Observable(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

#pragma warning disable CA1308 // observable types are lower-case words
        var type = line[..colon].Trim().ToLowerInvariant();
#pragma warning restore CA1308
        var value = line[(colon + 1)..].Trim();
        return ObservableTypes.All.Contains(type) && value.Length > 0 ? (type, value) : null;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Empty(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    /// <summary>A yes/no choice of the form: <c>yes</c>, <c>no</c>, or anything else for not known.</summary>
    private static bool? YesNo(string? choice) => choice switch { "yes" => true, "no" => false, _ => null };
}
