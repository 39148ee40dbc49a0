using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class RoleSelectionTests
{
    private static readonly IReadOnlyList<IServiceRole> Known = [new NamedRole("intake"), new NamedRole("triage"), new NamedRole("web")];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("all")]
    [InlineData(" ALL ")]
    public void No_selection_runs_every_role(string? setting) =>
        Assert.Equal(["intake", "triage", "web"], RoleSelection.Select(setting, Known).Select(r => r.Name));

    [Fact]
    public void A_selection_keeps_the_known_order_and_ignores_case_and_spaces() =>
        Assert.Equal(["intake", "web"], RoleSelection.Select(" Web, intake ", Known).Select(r => r.Name));

    [Fact]
    public void An_unknown_role_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidRoleSelectionException>(() => RoleSelection.Select("intake,pager", Known));
        Assert.Contains("pager", error.Message, StringComparison.Ordinal);
        Assert.Contains("intake, triage, web", error.Message, StringComparison.Ordinal);
    }

    private sealed class NamedRole(string name) : IServiceRole
    {
        public string Name => name;

        public void AddServices(IHostApplicationBuilder builder)
        {
        }

        public void AddConsumers(IBusRegistrationConfigurator bus)
        {
        }

        public void MapEndpoints(IEndpointRouteBuilder endpoints)
        {
        }
    }
}
