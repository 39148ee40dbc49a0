using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class HostIdentityTests
{
    [Fact]
    public void A_claim_of_the_same_Host_in_another_process_is_a_previous_life_and_nothing_else_is()
    {
        var now = new HostIdentity("ir-1@10.0.0.5:8080");
        var before = new HostIdentity("ir-1@10.0.0.5:8080");
        var neighbour = new HostIdentity("ir-1@10.0.0.5:8081");

        Assert.True(now.IsPreviousLife(before.ClaimOwner));
        Assert.False(now.IsPreviousLife(now.ClaimOwner));
        Assert.False(now.IsPreviousLife(neighbour.ClaimOwner));
        Assert.False(now.IsPreviousLife("ir-1@10.0.0.5:8080-other/abc"));
        Assert.False(now.IsPreviousLife(null));
        Assert.Equal($"ir-1@10.0.0.5:8080/{now.InstanceId}", now.ClaimOwner);
    }

    [Fact]
    public void The_configured_stable_name_wins_and_survives_a_restart()
    {
        var configuration = Configuration(new() { ["HostIdentity:StableName"] = "bac-ninh-ir-2", ["urls"] = "http://0.0.0.0:8080" });

        var first = HostIdentity.From(configuration);
        var second = HostIdentity.From(configuration);

        Assert.Equal("bac-ninh-ir-2", first.StableName);
        Assert.Equal(first.StableName, second.StableName);
        Assert.NotEqual(first.InstanceId, second.InstanceId);
    }

    [Fact]
    public void By_default_two_Hosts_on_one_machine_differ_by_their_listening_address_and_each_is_stable()
    {
        var one = HostIdentity.From(Configuration(new() { ["urls"] = "http://0.0.0.0:8080" }));
        var oneAgain = HostIdentity.From(Configuration(new() { ["urls"] = "http://0.0.0.0:8080" }));
        var two = HostIdentity.From(Configuration(new() { ["urls"] = "http://0.0.0.0:8081" }));

        Assert.Equal(one.StableName, oneAgain.StableName);
        Assert.NotEqual(one.StableName, two.StableName);
        Assert.StartsWith(Environment.MachineName, one.StableName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_name_is_shortened_so_that_a_claim_fits_its_column()
    {
        var identity = new HostIdentity(new string('x', 300));

        Assert.Equal(HostIdentity.MaxStableNameLength, identity.StableName.Length);
        Assert.True(identity.ClaimOwner.Length <= 100);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
