namespace IncidentResponse.Contracts;

/// <summary>Anchors the contracts assembly, e.g. to resolve stored message type names safely.</summary>
public static class ContractsAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(ContractsAssembly).Assembly;
}
