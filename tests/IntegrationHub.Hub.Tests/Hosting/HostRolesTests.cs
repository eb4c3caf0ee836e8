using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Hub.Tests.Hosting;

public sealed class HostRolesTests
{
    [Theory]
    [InlineData(null, true, true, true)]
    [InlineData("", true, true, true)]
    [InlineData("hub", true, false, false)]
    [InlineData("assistance, disability", false, true, true)]
    [InlineData("HUB,assistance", true, true, false)]
    public void Parse_ReadsTheMix(string? setting, bool hub, bool assistance, bool disability)
    {
        Assert.Equal(new HostRoles(hub, assistance, disability), HostRoles.Parse(setting));
    }

    [Theory]
    [InlineData("hub,payroll")]
    [InlineData(",")]
    public void Parse_UnknownOrNoRole_SaysWhichAndWhatIsAllowed(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostRoles.Parse(setting));

        Assert.Contains("Roles=", error.Message, StringComparison.Ordinal);
        Assert.Contains("hub, assistance, disability", error.Message, StringComparison.Ordinal);
    }
}
