using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Tests.Common;

public sealed class AgencyPagingTests
{
    [Fact]
    public async Task ReadAll_TotalSpreadOverPages_ReadsEveryPageOnce()
    {
        var registry = new PagedRegistry(total: 7, pageSize: 3);

        var items = await AgencyPaging.ReadAllAsync(registry.Page(1), registry.PageAsync, maxPages: 10);

        Assert.Equal(Enumerable.Range(1, 7), items);
        Assert.Equal([1, 2, 3], registry.Asked);
    }

    [Fact]
    public async Task ReadAll_EverythingOnTheFirstPage_AsksNothingMore()
    {
        var registry = new PagedRegistry(total: 3, pageSize: 3);

        var items = await AgencyPaging.ReadAllAsync(registry.Page(1), registry.PageAsync, maxPages: 1);

        Assert.Equal(3, items.Count);
        Assert.Equal([1], registry.Asked);
    }

    [Fact]
    public async Task ReadAll_EmptyPageBeforeTheTotal_EndsTheWalk()
    {
        // The registry promises 10 but holds 4 by the time page 3 is asked for (records went away between pages).
        var registry = new PagedRegistry(total: 10, pageSize: 2, holds: 4);

        var items = await AgencyPaging.ReadAllAsync(registry.Page(1), registry.PageAsync, maxPages: 10);

        Assert.Equal(4, items.Count);
        Assert.Equal([1, 2, 3], registry.Asked);
    }

    [Fact]
    public async Task ReadAll_TotalBeyondMaxPages_FailsWithANonPersonalDetail()
    {
        // A total that never stops growing: every page is full and the total stays ahead.
        var registry = new PagedRegistry(total: int.MaxValue, pageSize: 5);

        var error = await Assert.ThrowsAsync<AgencyPagingException>(() => AgencyPaging.ReadAllAsync(registry.Page(1), registry.PageAsync, maxPages: 4));

        Assert.Equal([1, 2, 3, 4], registry.Asked);
        var (status, detail) = AgencyFailure.Classify(error, deadlineReached: false);
        Assert.Equal(SourceStatus.Failed, status);
        Assert.Equal("the agency's paging did not end within 4 pages (its MaxPages)", detail);
    }

    [Fact]
    public async Task ReadAll_RegistryIgnoresThePageNumber_Fails()
    {
        // A registry that answers page 1 whatever is asked would otherwise be read as duplicates until the total is reached.
        var registry = new PagedRegistry(total: 9, pageSize: 3);

        var error = await Assert.ThrowsAsync<AgencyPagingException>(() =>
            AgencyPaging.ReadAllAsync(registry.Page(1), _ => Task.FromResult<IAgencyPage<int>>(registry.Page(1)), maxPages: 10));

        Assert.Equal("the agency answered page 1 when asked for page 2", error.Message);
    }

    /// <summary>A registry of the numbers 1..holds, counting <paramref name="total"/> whatever it holds.</summary>
    private sealed class PagedRegistry(int total, int pageSize, int? holds = null)
    {
        public List<int> Asked { get; } = [];

        public NumberPage Page(int number)
        {
            Asked.Add(number);
            var start = (long)(number - 1) * pageSize;
            var count = (int)Math.Clamp((holds ?? total) - start, 0, pageSize);
            return new NumberPage(Enumerable.Range((int)start + 1, count).ToList(), number, total);
        }

        public Task<IAgencyPage<int>> PageAsync(int number) => Task.FromResult<IAgencyPage<int>>(Page(number));
    }

    private sealed record NumberPage(IReadOnlyList<int> Items, int Page, int Total) : IAgencyPage<int>;
}
