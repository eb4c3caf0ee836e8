namespace IntegrationHub.Web.Http;

/// <summary>The one check of a paged list's <c>page</c> and <c>pageSize</c> (both optional), for the hub and every module.</summary>
public static class Paging
{
    public const string InvalidPage = "invalid-page";

    /// <summary>The last page that can be asked for: (page - 1) × pageSize stays an int (page 2147483647 overflowed to page 1).</summary>
    public static int MaxPage(int maxPageSize) => int.MaxValue / maxPageSize;

    /// <summary>
    /// 400 <see cref="InvalidPage"/> (its field <c>page</c> or <c>pageSize</c>) when page is outside 1 to
    /// <see cref="MaxPage"/> or pageSize outside 1 to <paramref name="maxPageSize"/>; null when both are in range or absent.
    /// </summary>
    public static ApiProblem? Check(int? page, int? pageSize, int maxPageSize)
    {
        var maxPage = MaxPage(maxPageSize);
        var badPage = page < 1 || page > maxPage;
        return badPage || pageSize < 1 || pageSize > maxPageSize
            ? ApiProblem.BadRequest(InvalidPage, $"page must be between 1 and {maxPage} and pageSize between 1 and {maxPageSize}.", badPage ? "page" : "pageSize")
            : null;
    }
}
