namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// What <c>_LegalStatus</c> shows: a serious incident, an ordinary one, or one the automatic test could not decide for lack
/// of a fact while no person has decided (<see cref="Contracts.Api.Incidents.SeriousTest.Undetermined"/>); nothing when it is
/// not serious and whether it is undetermined is not known (<paramref name="Undetermined"/> null: the partner portal's copy
/// from before the flag was carried), rather than "ordinary".
/// </summary>
public sealed record LegalStatusModel(bool Serious, bool? Undetermined = false)
{
    public bool IsUndetermined => !Serious && Undetermined is true;

    public bool IsUnknown => !Serious && Undetermined is null;
}
