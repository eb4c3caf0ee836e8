namespace IntegrationHub.Assistance.Tests.Infrastructure;

/// <summary>
/// Whole-process tests run one at a time: each starts 14 mock agencies and the hub, and on a 2-core machine
/// several at once starve the hub past its deadlines (a test of load, which these are not).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
