namespace IncidentResponse.ServiceDefaults.Partners;

/// <summary>
/// The partner directory as other roles may ask it: whether a unit code or a person's id names an entry, and whether it is
/// in use. The notifications role, which keeps the directory, provides it; a Host without that role has none registered.
/// </summary>
public interface IPartnerDirectory
{
    /// <summary>The unit of this code, or null when the directory holds none.</summary>
    Task<DirectoryUnit?> UnitAsync(string code, CancellationToken cancellationToken);

    /// <summary>The person of this id, or null when the directory holds none.</summary>
    Task<DirectoryPerson?> PersonAsync(string id, CancellationToken cancellationToken);
}
