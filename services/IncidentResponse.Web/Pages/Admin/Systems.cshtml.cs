using System.Net;
using IncidentResponse.Contracts.Api.Systems;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>
/// <c>/admin/systems</c>: the province's register of information systems (danh mục hệ thống thông tin). Coordinators add an
/// entry or change one (<c>?code=</c> fills the form with it) through <c>PUT /api/v1/systems/{code}</c>; a report naming a
/// system is filled from here.
/// </summary>
public sealed class SystemsModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<InformationSystemView> Systems { get; private set; } = [];

    [BindProperty]
    public SystemInput Entry { get; set; } = new();

    /// <summary>The code of the entry being changed (null: a new one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Code))
        {
            var current = await api.GetAsync<InformationSystemView>($"api/v1/systems/{Uri.EscapeDataString(Code)}", cancellationToken);
            if (current.Value is { } system)
            {
                Entry = SystemInput.From(system);
            }
            else
            {
                Code = null;
            }
        }

        return await ShowAsync(null, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var code = Entry.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            ModelState.AddModelError("Entry.Code", L("Bắt buộc: mã hệ thống", "Required: the system's code"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(null, HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await api.PutAsync<InformationSystemView>($"api/v1/systems/{Uri.EscapeDataString(code)}", Entry.Body(), cancellationToken);
        if (result.Ok)
        {
            Message = result.Status == HttpStatusCode.Created
                ? L($"Đã thêm hệ thống {result.Value!.Name} vào danh mục.", $"{result.Value!.Name} was added to the register.")
                : L($"Đã cập nhật hệ thống {result.Value!.Name} (phiên bản {result.Value.Version}).", $"{result.Value.Name} was updated (version {result.Value.Version}).");
            Entry = new();
            Code = null;
            ModelState.Clear();
        }

        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
            foreach (var (field, messages) in problem.Errors ?? [])
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("Entry." + SystemInput.InputOf(field), message);
                }
            }
        }

        var systems = await api.GetAsync<List<InformationSystemView>>("api/v1/systems?includeInactive=true", cancellationToken);
        if (!systems.Ok)
        {
            return StatusCode((int)systems.Status);
        }

        Systems = systems.Value ?? [];
        return Page();
    }

    /// <summary>The messages of one input.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue("Entry." + field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}

/// <summary>The form of an entry: lists one a line.</summary>
public sealed class SystemInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? OwnerAgency { get; set; }

    public string? Operator { get; set; }

    public int? SecurityLevel { get; set; }

    public string? LevelApproval { get; set; }

    public string? Isp { get; set; }

    public string? SecurityProvider { get; set; }

    public string? Domains { get; set; }

    public string? Ips { get; set; }

    public string? Services { get; set; }

    public string? OperatingSystem { get; set; }

    public string? Purpose { get; set; }

    public bool Retired { get; set; }

    /// <summary>On the national list of critical information systems.</summary>
    public bool NationalCritical { get; set; }

    /// <summary>The version being changed, 0 for a new entry: a save over someone else's change (or over an entry that exists, when adding) is refused.</summary>
    public int ExpectedVersion { get; set; }

    public static SystemInput From(InformationSystemView s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Code = s.Code, Name = s.Name, OwnerAgency = s.OwnerAgency, Operator = s.Operator, SecurityLevel = s.SecurityLevel, LevelApproval = s.LevelApproval,
            Isp = s.Isp, SecurityProvider = s.SecurityProvider, Domains = string.Join('\n', s.Domains), Ips = string.Join('\n', s.Ips),
            Services = string.Join('\n', s.Services), OperatingSystem = s.OperatingSystem, Purpose = s.Purpose, Retired = !s.Active, ExpectedVersion = s.Version,
            NationalCritical = s.NationalCritical,
        };
    }

    /// <summary>The body of <c>PUT /api/v1/systems/{code}</c>.</summary>
    public object Body() => new
    {
        name = Blank(Name), ownerAgency = Blank(OwnerAgency), @operator = Blank(Operator), securityLevel = SecurityLevel, levelApproval = Blank(LevelApproval),
        isp = Blank(Isp), securityProvider = Blank(SecurityProvider), domains = Lines(Domains), ips = Lines(Ips), services = Lines(Services),
        operatingSystem = Blank(OperatingSystem), purpose = Blank(Purpose), active = !Retired, expectedVersion = ExpectedVersion,
        nationalCritical = NationalCritical,
    };

    /// <summary>The input an API field belongs to (<c>ips[2]</c> → <c>Ips</c>).</summary>
    public static string InputOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.Split('[')[0];
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Lines(string? value) =>
        [.. (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
