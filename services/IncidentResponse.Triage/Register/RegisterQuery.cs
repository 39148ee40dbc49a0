using System.Globalization;
using System.Text.RegularExpressions;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Incidents;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// The register's filters as the query string gives them (all text, so that a bad value is answered with a problem
/// naming its field rather than a bare 400). <see cref="Parse"/> checks them; <see cref="RegisterFilter.Apply"/> narrows the incidents.
/// </summary>
public sealed partial class RegisterQuery
{
    [FromQuery(Name = "q")] public string? Q { get; init; }

    [FromQuery(Name = "status")] public string? Status { get; init; }

    [FromQuery(Name = "from")] public string? From { get; init; }

    [FromQuery(Name = "to")] public string? To { get; init; }

    [FromQuery(Name = "class")] public string? Class { get; init; }

    [FromQuery(Name = "severity")] public string? Severity { get; init; }

    [FromQuery(Name = "minSeverity")] public string? MinSeverity { get; init; }

    [FromQuery(Name = "serious")] public string? Serious { get; init; }

    [FromQuery(Name = "tlp")] public string? Tlp { get; init; }

    [FromQuery(Name = "unit")] public string? Unit { get; init; }

    [FromQuery(Name = "drill")] public string? Drill { get; init; }

    [FromQuery(Name = "sort")] public string? Sort { get; init; }

    [FromQuery(Name = "order")] public string? Order { get; init; }

    [FromQuery(Name = "page")] public string? Page { get; init; }

    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    public const int MaxPageSize = 200;

    public static IReadOnlyList<string> SortKeys { get; } = ["number", "openedAt", "detectedAt", "lastSeenAt", "severity", "status", "title"];

    /// <summary>The filter, or the errors by field.</summary>
    public (RegisterFilter? Filter, Dictionary<string, string[]> Errors) Parse()
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = Status?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        string[] known = ["all", IncidentStatuses.Open, Lifecycle.Closed, .. Lifecycle.Statuses];
        if (statuses.Any(s => !known.Contains(s, StringComparer.Ordinal)))
        {
            errors["status"] = [$"all, open, closed hoặc một hay nhiều trong / or one or more of: {string.Join(", ", Lifecycle.Statuses)}"];
        }

        var severity = Int("severity", Severity, 0, 5, errors);
        var minSeverity = Int("minSeverity", MinSeverity, 0, 5, errors);
        var from = Time("from", From, errors);
        var to = Time("to", To, errors);
        if (from is not null && to is not null && to < from)
        {
            errors["to"] = ["Phải sau from / must be after from"];
        }

        var @class = string.IsNullOrWhiteSpace(Class) ? null : Class.Trim();
        if (@class is not null && !Rsit.Classes.ContainsKey(@class) && !Rsit.IsKnown(@class))
        {
            errors["class"] = ["Lớp RSIT hoặc lớp:kiểu / an RSIT class or class:type"];
        }

        var tlp = string.IsNullOrWhiteSpace(Tlp) ? null : Contracts.Vocabulary.Tlp.Normalize(Tlp.Trim().Replace(" ", "+", StringComparison.Ordinal));
        if (!string.IsNullOrWhiteSpace(Tlp) && tlp is null)
        {
            errors["tlp"] = [$"Một trong / one of: {string.Join(", ", Contracts.Vocabulary.Tlp.Labels)}"];
        }

        var unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();
        if (unit is not null && (unit.Length > 64 || !UnitCode().IsMatch(unit)))
        {
            errors["unit"] = ["Mã đơn vị (chữ, số, -, _, .), tối đa 64 ký tự / a unit code (letters, digits, - _ .), at most 64 characters"];
        }

        var serious = Bool("serious", Serious, errors);
        var drill = Bool("drill", Drill, errors);
        var sort = string.IsNullOrWhiteSpace(Sort) ? null : SortKeys.FirstOrDefault(k => string.Equals(k, Sort.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(Sort) && sort is null)
        {
            errors["sort"] = [$"Một trong / one of: {string.Join(", ", SortKeys)}"];
        }

        var order = Order?.Trim().ToLowerInvariant();
        if (order is not (null or "" or "asc" or "desc"))
        {
            errors["order"] = ["asc hoặc / or desc"];
        }

        var page = Int("page", Page, 1, int.MaxValue / MaxPageSize, errors) ?? 1;
        var pageSize = Int("pageSize", PageSize, 1, MaxPageSize, errors) ?? 50;
        var q = Q?.Trim();
        if (q is { Length: > 200 })
        {
            errors["q"] = ["Tối đa 200 ký tự / at most 200 characters"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new RegisterFilter(q, statuses, from, to, @class, severity, minSeverity, serious, tlp, unit, drill, sort, order == "asc", page, pageSize), errors);
    }

    private static int? Int(string field, string? value, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = [$"Số nguyên từ {min} đến {max} / a whole number from {min} to {max}"];
        return null;
    }

    private static bool? Bool(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        errors[field] = ["true hoặc / or false"];
        return null;
    }

    private static DateTimeOffset? Time(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // A '+' of an offset arrives as a space when the client did not encode it.
        var text = value.Trim().Replace(' ', '+');
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors[field] = ["Thời điểm ISO 8601, ví dụ / an ISO 8601 time, e.g. 2026-12-01T00:00:00+07:00"];
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex UnitCode();
}
