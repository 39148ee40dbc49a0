namespace IncidentResponse.ServiceDefaults.Roles;

public sealed class InvalidRoleSelectionException : Exception
{
    public InvalidRoleSelectionException()
    {
    }

    public InvalidRoleSelectionException(string message) : base(message)
    {
    }

    public InvalidRoleSelectionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
