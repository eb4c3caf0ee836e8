using System.Text.RegularExpressions;
using IntegrationHub.Web.Http;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>The one table of titles (Hub/Infrastructure/Web/Http/ProblemTitles.cs) and docs/problems.md list the same codes.</summary>
public sealed partial class ProblemTitlesTests
{
    [Fact]
    public void EveryDocumentedHttpCode_HasItsTitle_AndEveryTitledCodeIsDocumented()
    {
        var documented = DocumentedHttpCodes();

        Assert.Empty(documented.Except(ProblemTitles.Codes).Order());
        Assert.Empty(ProblemTitles.Codes.Except(documented).Order());
    }

    [Theory]
    [InlineData(400, "invalid-fin", "Invalid FIN")]
    [InlineData(503, "audit-unavailable", "Audit log unavailable")]
    [InlineData(400, "invalid-icd10", "Invalid ICD-10 code")]
    [InlineData(500, "http-500", "Internal Server Error")]
    public void AProblem_TakesItsCodesTitle_OrElseItsStatussReasonPhrase(int status, string code, string title)
    {
        var problem = ProblemResults.Create(status, code, "detail").ProblemDetails;

        Assert.Equal((status, title, ProblemResults.TypeBase + code), (problem.Status, problem.Title, problem.Type));
    }

    /// <summary>The codes in the first column of the tables of the hub's and the modules' sections (the mocks' and the bus's apart).</summary>
    private static HashSet<string> DocumentedHttpCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var section = "";
        var busOnly = false;
        foreach (var line in File.ReadLines(Repository.File("docs", "problems.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) section = line;
            if (line.StartsWith("| code | meaning |", StringComparison.Ordinal)) busOnly = true;
            else if (!line.StartsWith('|')) busOnly = false;
            if (busOnly || section.StartsWith("## Mock", StringComparison.Ordinal) || !line.StartsWith("| `", StringComparison.Ordinal)) continue;
            var firstColumn = line.Split('|')[1];
            foreach (Match code in Code().Matches(firstColumn)) codes.Add(code.Groups[1].Value);
        }
        // Named in a sentence, not a table.
        codes.Add("unknown-offer");
        return codes;
    }

    [GeneratedRegex("`([a-z0-9-]+)`")]
    private static partial Regex Code();
}
