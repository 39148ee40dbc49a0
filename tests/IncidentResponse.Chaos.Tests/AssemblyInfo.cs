using IncidentResponse.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// The scenarios that load the machine (SIGKILLs under load, the broker cluster, the restore drills) run one at a time,
/// after the others, so that a restarted Host's first-mail delay measures the Host and not its neighbours. The rest
/// (the database scenarios, which mostly wait for their minute of lock or outage, and the audit's own tests) run side
/// by side before them: on 2 cores that took about two minutes off the assembly's nine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Chaos scenarios that run alone";
}
