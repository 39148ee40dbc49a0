using IncidentResponse.ServiceDefaults.Partners;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Access.People;

/// <summary>
/// The partner directory's codes an account or key names (a responder's unit, a person's id) must be there and in use:
/// a typo would give a responder who sees nothing and a person whose shifts are nobody's. Checked where the directory is
/// (<see cref="IPartnerDirectory"/>, the notifications role); a value an edit leaves as it was is not asked again, so an
/// account of a unit retired since can still be changed or demoted.
/// </summary>
public static class DirectoryReferences
{
    /// <summary>
    /// Adds to <paramref name="errors"/> what the directory says against <paramref name="unit"/> and <paramref name="personId"/>
    /// (fields already refused are not asked). False: a check was needed and this Host has no directory to ask.
    /// </summary>
    public static async Task<bool> CheckAsync(
        IServiceProvider services, string? unit, string? personId, Dictionary<string, string[]> errors, CancellationToken cancellationToken,
        string? keptUnit = null, string? keptPerson = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(errors);
        var askUnit = unit is not null && unit != keptUnit && !errors.ContainsKey("unit");
        var askPerson = personId is not null && (personId != keptPerson || (unit is not null && unit != keptUnit)) && !errors.ContainsKey("personId");
        if (!askUnit && !askPerson)
        {
            return true;
        }

        if (services.GetService<IPartnerDirectory>() is not { } directory)
        {
            return false;
        }

        if (askUnit)
        {
            var found = await directory.UnitAsync(unit!, cancellationToken);
            if (found is null)
            {
                errors["unit"] = [$"Danh bạ không có đơn vị mã «{unit}» (xem /admin/directory) / the directory has no unit «{unit}» (see /admin/directory)"];
            }
            else if (!found.Active)
            {
                errors["unit"] = [$"Đơn vị «{found.NameVi}» ({unit}) đã ngừng hoạt động trong danh bạ / the unit {found.NameEn} ({unit}) is retired in the directory"];
            }
        }

        if (askPerson)
        {
            var person = await directory.PersonAsync(personId!, cancellationToken);
            if (person is null)
            {
                errors["personId"] = [$"Danh bạ không có người mã «{personId}» / the directory has no person «{personId}»"];
            }
            else if (!person.Active && personId != keptPerson)
            {
                errors["personId"] = [$"«{person.Name}» ({personId}) đã ngừng hoạt động trong danh bạ / {person.Name} ({personId}) is retired in the directory"];
            }
            else if (unit is not null && !errors.ContainsKey("unit") && person.UnitCode != unit)
            {
                errors["personId"] = [$"«{person.Name}» thuộc đơn vị {person.UnitCode}, không phải {unit} / {person.Name} belongs to {person.UnitCode}, not {unit}"];
            }
        }

        return true;
    }

    /// <summary>The answer when this Host cannot ask the directory (it does not run the notifications role).</summary>
    public static IResult Unavailable() => Problems.Status(
        StatusCodes.Status503ServiceUnavailable,
        "Không kiểm tra được danh bạ / the directory cannot be checked here",
        "Máy chủ này không chạy vai trò notifications giữ danh bạ đơn vị; hãy tạo tài khoản và khóa API qua máy chủ front (mọi vai trò) / "
        + "this Host does not run the notifications role that keeps the unit directory; issue accounts and keys through the front Host (all roles)");
}
