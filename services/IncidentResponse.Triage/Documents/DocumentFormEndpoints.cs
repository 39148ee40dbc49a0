using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Triage.Documents;

/// <summary><c>GET /api/v1/documents/forms</c>: the forms that can be issued, the duties each discharges and their editable fields.</summary>
public static class DocumentFormEndpoints
{
    public static IEndpointRouteBuilder MapDocumentForms(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/v1/documents/forms", () => Results.Ok(Forms())).WithTags("Documents")
            .RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<DocumentFormView>>();
        return endpoints;
    }

    /// <summary>Every form of <see cref="DocumentEditing.Fields"/>, in its order, with the labels the form prints.</summary>
    public static IReadOnlyList<DocumentFormView> Forms() => DocumentEditing.Fields
        .Select(form => new DocumentFormView(form.Key, FormNames.Names[form.Key].Vi, FormNames.Names[form.Key].En,
            FormNames.ForDuty.Where(d => d.Value == form.Key).Select(d => d.Key).ToList(),
            form.Value.Select(field => Field(field.Key, field.Value)).ToList(), FormNames.SuggestedRecipients.GetValueOrDefault(form.Key)))
        .ToList();

    private static DocumentFieldView Field(string name, string label) => name switch
    {
        "place" => new(name, "Nơi ban hành", false, DocumentEditing.MaxShort),
        "signer" => new(name, "Người ký", false, DocumentEditing.MaxShort),
        "confidential" => new(name, label, true, 0),
        _ => new(name, label.TrimEnd(':', ' '), false, DocumentEditing.MaxOf(name)),
    };
}
