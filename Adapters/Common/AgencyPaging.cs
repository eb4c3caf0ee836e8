namespace IntegrationHub.Adapters.Common;

/// <summary>One page of a paged agency answer, whatever the registry calls its fields.</summary>
/// <typeparam name="TItem">The wire record the pages list.</typeparam>
public interface IAgencyPage<out TItem>
{
    IReadOnlyList<TItem> Items { get; }

    /// <summary>The page number the registry says it answered (1-based).</summary>
    int Page { get; }

    /// <summary>How many items the registry holds over all pages.</summary>
    int Total { get; }
}

/// <summary>
/// The one way a paged agency answer is read to the end (labour contracts, education, property, utilities),
/// with one guard against paging that never ends: <see cref="AgencyOptions.MaxPages"/>.
/// </summary>
public static class AgencyPaging
{
    /// <summary>
    /// Every item from <paramref name="first"/> on, asking <paramref name="page"/> for pages 2, 3, … until the registry's
    /// total is reached. An empty page ends the walk even if the total promised more (records went away between pages).
    /// </summary>
    /// <exception cref="AgencyPagingException">
    /// More than <paramref name="maxPages"/> pages would be needed, or the registry answered another page than the one asked for
    /// (a registry that ignores the page number would otherwise be read as the same page over and over).
    /// </exception>
    public static async Task<List<TItem>> ReadAllAsync<TItem>(IAgencyPage<TItem> first, Func<int, Task<IAgencyPage<TItem>>> page, int maxPages)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var current = Expect(first, 1);
        var items = new List<TItem>(current.Items);
        for (var number = 2; current.Items.Count > 0 && items.Count < current.Total; number++)
        {
            if (number > maxPages)
            {
                throw new AgencyPagingException($"the agency's paging did not end within {maxPages} pages (its {nameof(AgencyOptions.MaxPages)})");
            }
            current = Expect(await page(number), number);
            items.AddRange(current.Items);
        }
        return items;
    }

    private static IAgencyPage<TItem> Expect<TItem>(IAgencyPage<TItem> answer, int asked) =>
        answer.Page == asked
            ? answer
            : throw new AgencyPagingException($"the agency answered page {answer.Page} when asked for page {asked}");
}

/// <summary>A paged answer that cannot be read to its end. The message names no person: it becomes the data set's detail.</summary>
public sealed class AgencyPagingException : Exception
{
    public AgencyPagingException()
    {
    }

    public AgencyPagingException(string message) : base(message)
    {
    }

    public AgencyPagingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
