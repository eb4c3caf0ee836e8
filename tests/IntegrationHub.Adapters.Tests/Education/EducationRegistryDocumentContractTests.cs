using System.Globalization;
using IntegrationHub.Adapters.Education;

namespace IntegrationHub.Adapters.Tests.Education;

/// <summary>The education adapter against a registry that answers exactly as docs/agencies/education.md shows.</summary>
public sealed class EducationRegistryDocumentContractTests
{
    private const string Fin = "76YTP84";
    private static readonly AgencyDocument Document = AgencyDocument.Load(EducationRegistryAdapter.Key);

    [Fact]
    public async Task Fetch_TheDocumentsSevenYears_OneOpenEnrolmentAsDocumented()
    {
        // The page shows the three newest of seven years; the four before follow the same pattern.
        await using var registry = await new Registry(SchoolYears(2020, 2026)).StartAsync();

        var enrolment = Assert.Single((await DocumentContract.FetchAsync<EducationData>(registry, EducationRegistryAdapter.Key, Fin)).Enrolments);

        Assert.Equal(new Enrolment("204 saylı tam orta məktəb", EducationLevel.School, true, new DateOnly(2020, 9, 15), null), enrolment);
    }

    [Fact]
    public async Task Fetch_MoreYearsThanAPage_AsksPagesOfTenUntilTheTotal()
    {
        var registry = new Registry(SchoolYears(2014, 2026));
        await using var stub = await registry.StartAsync();

        var enrolment = Assert.Single((await DocumentContract.FetchAsync<EducationData>(stub, EducationRegistryAdapter.Key, Fin)).Enrolments);

        Assert.Equal(new DateOnly(2014, 9, 15), enrolment.From);
        Assert.Equal([(1, 10), (2, 10)], registry.Asked.Order());
    }

    /// <summary>Each level code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, EducationLevel> DocumentedLevels => new()
    {
        { "PRESCHOOL", EducationLevel.Preschool },
        { "SCHOOL", EducationLevel.School },
        { "VOCATIONAL", EducationLevel.Vocational },
        { "BACHELOR", EducationLevel.Bachelor },
        { "MASTER", EducationLevel.Master },
        { "DOCTORAL", EducationLevel.Doctoral },
    };

    [Theory]
    [MemberData(nameof(DocumentedLevels))]
    public async Task Fetch_EveryDocumentedLevel_Read(string code, EducationLevel level)
    {
        Document.AssertLists(code);
        await using var registry = await new Registry(SchoolYears(2024, 2026, y => y["levelCode"] = code)).StartAsync();

        Assert.Equal(level, Assert.Single((await DocumentContract.FetchAsync<EducationData>(registry, EducationRegistryAdapter.Key, Fin)).Enrolments).Level);
    }

    /// <summary>Each study form code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, bool> DocumentedStudyForms => new()
    {
        { "FULL_TIME", true },
        { "PART_TIME", false },
        { "EXTRAMURAL", false },
        { "DISTANCE", false },
    };

    [Theory]
    [MemberData(nameof(DocumentedStudyForms))]
    public async Task Fetch_EveryDocumentedStudyForm_Read(string code, bool fullTime)
    {
        Document.AssertLists(code);
        await using var registry = await new Registry(SchoolYears(2024, 2026, y => y["studyForm"] = code)).StartAsync();

        Assert.Equal(fullTime, Assert.Single((await DocumentContract.FetchAsync<EducationData>(registry, EducationRegistryAdapter.Key, Fin)).Enrolments).FullTime);
    }

    [Theory]
    [InlineData("ENROLLED", null)]
    [InlineData("PROMOTED", null)]
    [InlineData("GRADUATED", "2027-06-30")]
    [InlineData("WITHDRAWN", "2027-06-30")]
    public async Task Fetch_EveryDocumentedYearStatus_Read(string code, string? end)
    {
        Document.AssertLists(code);
        // The newest year carries the status (and, closing the enrolment, its end date).
        await using var registry = await new Registry(SchoolYears(2024, 2026, y =>
        {
            if ((string)y["academicYear"]! != "2026/2027") return;
            y["yearStatus"] = code;
            y["endDate"] = end ?? (code == "PROMOTED" ? "2027-06-30" : null);
        })).StartAsync();

        var enrolment = Assert.Single((await DocumentContract.FetchAsync<EducationData>(registry, EducationRegistryAdapter.Key, Fin)).Enrolments);

        Assert.Equal(end is null ? null : DateOnly.Parse(end, CultureInfo.InvariantCulture), enrolment.To);
    }

    [Theory]
    [InlineData("levelCode", "KINDERGARTEN")]
    [InlineData("academicYear", "2026/2028")]
    [InlineData("yearStatus", "EXPELLED")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, string value)
    {
        await using var registry = await new Registry(SchoolYears(2024, 2026, y => y[field] = value)).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, EducationRegistryAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("endDate")]
    [InlineData("institutionName")]
    [InlineData("grade")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        await using var registry = await new Registry(SchoolYears(2024, 2026, y => y.Remove(field))).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, EducationRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_LearnerNotFound_Null()
    {
        Document.AssertLists("LEARNER_NOT_FOUND");
        await using var registry = await new Registry(SchoolYears(2024, 2026)).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, EducationRegistryAdapter.Key, "3ABVK9J"));
    }

    /// <summary>
    /// School years <paramref name="first"/>/.. to <paramref name="last"/>/.., newest first, in the shape of the page's example
    /// (its three records verbatim where they fall in the range; the newest is under way, the others promoted).
    /// </summary>
    private static List<JsonObject> SchoolYears(int first, int last, Action<JsonObject>? change = null)
    {
        var documented = Document.ExampleNode("\"academicYear\"")["items"]!.AsArray().Select(y => y!.AsObject()).ToList();
        var years = new List<JsonObject>();
        for (var year = last; year >= first; year--)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{year}/{year + 1}");
            var record = (JsonObject?)documented.FirstOrDefault(d => (string)d["academicYear"]! == label)?.DeepClone();
            if (record is null)
            {
                record = (JsonObject)documented[^1].DeepClone();
                record["academicYear"] = label;
                record["grade"] = year - first + 1;
                record["startDate"] = $"{year}-09-15";
                record["endDate"] = $"{year + 1}-06-30";
                record["yearStatus"] = year == last ? "ENROLLED" : "PROMOTED";
                if (year == last) record["endDate"] = null;
            }
            change?.Invoke(record);
            years.Add(record);
        }
        return years;
    }

    /// <summary>The registry of the page: pages of at most 10 (a larger pageSize is cut, the answer says what was applied).</summary>
    private sealed class Registry(List<JsonObject> years)
    {
        public ConcurrentQueue<(int Page, int PageSize)> Asked { get; } = new();

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/api/v1/learners/{fin}/academic-years", (string fin, HttpRequest request) =>
            {
                if (fin != Fin) return Error(404, "LEARNER_NOT_FOUND");
                if (!Number(request.Query["page"], 1, out var page) || !Number(request.Query["pageSize"], 10, out var size) || page < 1 || size < 1)
                {
                    return Error(400, "INVALID_PAGING");
                }
                Asked.Enqueue((page, size));
                size = Math.Min(size, 10);
                var answer = new JsonObject
                {
                    ["items"] = new JsonArray([.. years.Skip((page - 1) * size).Take(size).Select(y => y.DeepClone())]),
                    ["page"] = page,
                    ["pageSize"] = size,
                    ["total"] = years.Count,
                };
                return RegistryStub.Json(answer.ToJsonString());
            });
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "errors": [ { "code": "{{code}}", "message": "…" } ] }""", status);

        private static bool Number(string? text, int fallback, out int value)
        {
            value = fallback;
            return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
