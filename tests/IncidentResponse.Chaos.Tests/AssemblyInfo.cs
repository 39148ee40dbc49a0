using IncidentResponse.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]
