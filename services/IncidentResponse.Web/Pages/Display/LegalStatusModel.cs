namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// What <c>_LegalStatus</c> shows: a serious incident, an ordinary one, or, where the automatic test lacks facts to decide
/// (<see cref="Contracts.Api.Incidents.SeriousTest.Undetermined"/>), an undetermined one with the facts it lacks.
/// </summary>
public sealed record LegalStatusModel(bool Serious, IReadOnlyList<string>? Undetermined = null)
{
    public bool IsUndetermined => !Serious && Undetermined is { Count: > 0 };
}
