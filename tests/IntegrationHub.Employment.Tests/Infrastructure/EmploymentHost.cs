namespace IntegrationHub.Employment.Tests.Infrastructure;

/// <summary>One host shared by the tests of a class (a fixture): each test uses its own people, so none sees another's contracts.</summary>
public sealed class EmploymentHost() : EmploymentFactory();
