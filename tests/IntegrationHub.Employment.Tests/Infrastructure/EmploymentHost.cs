namespace IntegrationHub.Employment.Tests.Infrastructure;

/// <summary>One host shared by the tests of a class (a fixture): each test uses its own people, so none sees another's contracts.</summary>
public sealed class EmploymentHost : EmploymentFactory
{
    public EmploymentHost() : base()
    {
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteData();
    }
}
