using IncidentResponse.Intake.Tests.Support;

[assembly: AssemblyFixture(typeof(PostgresServer))]
