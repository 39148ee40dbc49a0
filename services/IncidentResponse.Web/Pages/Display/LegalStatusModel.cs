namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// What <c>_LegalStatus</c> shows: a serious incident, an ordinary one, or one the automatic test could not decide for lack
/// of a fact while no person has decided (<see cref="Contracts.Api.Incidents.SeriousTest.Undetermined"/>).
/// </summary>
public sealed record LegalStatusModel(bool Serious, bool Undetermined = false)
{
    public bool IsUndetermined => !Serious && Undetermined;
}
