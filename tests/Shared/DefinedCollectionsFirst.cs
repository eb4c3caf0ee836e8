using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(IntegrationHub.Tests.Shared.DefinedCollectionsFirst))]

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// Starts the collections a test project defines (<see cref="CollectionDefinitionAttribute"/>) before the one-class
/// collections, each group in xunit's default order. A defined collection is one whose tests must run one after another
/// (a broker restarted, processes of the hub binary, whole hosts): it is the longest single line of work in its project.
/// Begun last, as xunit's order or <c>DisableParallelization</c> had it, it ran alone at the end (the broker's collection
/// about a minute, the several-instances proof a minute and a half) with part of a core to spare; begun first, the short
/// collections run beside it.
/// </summary>
public sealed class DefinedCollectionsFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection
    {
        var ordered = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections);
        static bool Defined(TTestCollection c) =>
            c is IXunitTestCollection { CollectionDefinition: { } definition } && definition.IsDefined(typeof(CollectionDefinitionAttribute));
        return [.. ordered.Where(Defined), .. ordered.Where(c => !Defined(c))];
    }
}
