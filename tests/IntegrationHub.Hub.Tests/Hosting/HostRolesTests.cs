using IntegrationHub.Assistance;
using IntegrationHub.Disability;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Modules;

namespace IntegrationHub.Hub.Tests.Hosting;

public sealed class HostRolesTests
{
    private static readonly IHubModule[] Modules = [new HubModule(), new AssistanceModule(), new DisabilityModule()];

    [Theory]
    [InlineData(null, "hub,assistance,disability")]
    [InlineData("", "hub,assistance,disability")]
    [InlineData("hub", "hub")]
    [InlineData("assistance, disability", "assistance,disability")]
    [InlineData("HUB,assistance", "hub,assistance")]
    public void Select_ReadsTheMix(string? setting, string roles)
    {
        Assert.Equal(roles.Split(','), HostRoles.Select(setting, Modules).Select(m => m.Role));
    }

    [Theory]
    [InlineData("hub,payroll")]
    [InlineData(",")]
    public void Select_UnknownOrNoRole_SaysWhichAndWhatIsAllowed(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostRoles.Select(setting, Modules));

        Assert.Contains("Roles=", error.Message, StringComparison.Ordinal);
        Assert.Contains("hub, assistance, disability", error.Message, StringComparison.Ordinal);
    }
}
