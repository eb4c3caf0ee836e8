using IntegrationHub.Adapters.EmploymentAgency;

namespace IntegrationHub.Adapters.Tests.EmploymentAgency;

/// <summary>The employment-agency adapter against an agency that answers exactly as docs/agencies/employment-agency.md shows.</summary>
public sealed class EmploymentAgencyDocumentContractTests
{
    private const string Fin = "HPFEV81";
    private static readonly AgencyDocument Document = AgencyDocument.Load(EmploymentAgencyAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_BothCallsAtOnceAndReadAsDocumented()
    {
        var agency = new Agency(Document.Example("\"registrationStatus\""), Document.Example("\"offers\""));
        await using var registry = await agency.StartAsync();

        var data = await FetchAsync(registry);

        Assert.True(agency.Together.AtOnce, "the two calls were not made at once");
        // From the income window's first day to the day asked.
        Assert.Equal(("2025-11-01", "2026-11-02"), agency.Window);
        Assert.Equal((true, new DateOnly(2026, 3, 1), null), (data.Registered, data.RegisteredOn, data.Insurance));
        Assert.Equal(
        [
            new JobOffer("OF-8691802", new DateOnly(2026, 9, 12), "Gəncə Tekstil MMC", "müəllim", true),
            new JobOffer("OF-4148659", new DateOnly(2026, 8, 30), "Bravo Supermarket MMC", "xadimə", true),
        ], data.RefusedOffers);
    }

    [Theory]
    [InlineData("REGISTERED", true)]
    [InlineData("NOT_REGISTERED", false)]
    [InlineData("DEREGISTERED", false)]
    public async Task Fetch_EveryDocumentedRegistrationStatus_Read(string code, bool registered)
    {
        Document.AssertLists(code);
        var status = Document.ExampleNode("\"registrationStatus\"");
        status["registrationStatus"] = code;
        await using var registry = await new Agency(status.ToJsonString(), Document.Example("\"offers\"")).StartAsync();

        var data = await FetchAsync(registry);

        Assert.Equal(registered, data.Registered);
        // A deregistered person's refusals still count.
        Assert.Equal(2, data.RefusedOffers.Count);
    }

    [Theory]
    [InlineData("REFUSED", 1)]
    [InlineData("ACCEPTED", 0)]
    [InlineData("PENDING", 0)]
    [InlineData("WITHDRAWN", 0)]
    public async Task Fetch_EveryDocumentedOutcome_OnlyRefusalsKept(string code, int kept)
    {
        Document.AssertLists(code);
        var offers = Document.ExampleNode("\"offers\"");
        offers["offers"]![0]!["outcome"] = code;
        await using var registry = await new Agency(Document.Example("\"registrationStatus\""), offers.ToJsonString()).StartAsync();

        Assert.Equal(kept + 1, (await FetchAsync(registry)).RefusedOffers.Count);
    }

    [Fact]
    public async Task Fetch_InsurancePaid_Read()
    {
        var status = Document.ExampleNode("\"registrationStatus\"");
        status["unemploymentInsurance"] = new JsonObject { ["monthlyAmount"] = 240, ["paidFrom"] = "2026-03-01", ["paidUntil"] = "2026-08-31" };
        await using var registry = await new Agency(status.ToJsonString(), Document.Example("\"offers\"")).StartAsync();

        Assert.Equal(new UnemploymentInsurance(240m, new DateOnly(2026, 3, 1), new DateOnly(2026, 8, 31)), (await FetchAsync(registry)).Insurance);
    }

    [Fact]
    public async Task Fetch_NotRegisteredWithoutADate_Read()
    {
        var status = Document.ExampleNode("\"registrationStatus\"");
        status["registrationStatus"] = "NOT_REGISTERED";
        status["registeredOn"] = null;
        await using var registry = await new Agency(status.ToJsonString(), Document.Example("\"offers\"")).StartAsync();

        Assert.Equal((false, null), ((await FetchAsync(registry)).Registered, (await FetchAsync(registry)).RegisteredOn));
    }

    [Theory]
    [InlineData("registrationStatus", "ON_HOLD")]
    [InlineData("registeredOn", null)]
    public async Task Fetch_UndocumentedStatus_Malformed(string field, string? value)
    {
        // The last: REGISTERED without registeredOn.
        var status = Document.ExampleNode("\"registrationStatus\"");
        status[field] = value;
        await using var registry = await new Agency(status.ToJsonString(), Document.Example("\"offers\"")).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, EmploymentAgencyAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("unemploymentInsurance")]
    [InlineData("registeredOn")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        var status = Document.ExampleNode("\"registrationStatus\"");
        status.Remove(field);
        await using var registry = await new Agency(status.ToJsonString(), Document.Example("\"offers\"")).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, EmploymentAgencyAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_CitizenNotFound_Null()
    {
        Document.AssertLists("CITIZEN_NOT_FOUND");
        await using var registry = await new Agency(Document.Example("\"registrationStatus\""), Document.Example("\"offers\"")).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, EmploymentAgencyAdapter.Key, "3ABVK9J"));
    }

    private static Task<JobSeekerData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<JobSeekerData>(registry, EmploymentAgencyAdapter.Key, Fin);

    /// <summary>The agency of the page: both calls for <see cref="Fin"/> (the window checked), problem details otherwise.</summary>
    private sealed class Agency(string status, string offers)
    {
        public Rendezvous Together { get; } = new(2);

        public (string? From, string? To) Window { get; private set; }

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/api/v1/job-seekers/{fin}", async (string fin) =>
            {
                if (fin != Fin) return Problem(404, "CITIZEN_NOT_FOUND");
                await Together.ArriveAsync();
                return RegistryStub.Json(status);
            });
            app.MapGet("/api/v1/job-seekers/{fin}/offers", async (string fin, HttpRequest request) =>
            {
                if (fin != Fin) return Problem(404, "CITIZEN_NOT_FOUND");
                Window = (request.Query["dateFrom"], request.Query["dateTo"]);
                if (!DateOnly.TryParseExact(Window.From, "yyyy-MM-dd", out var from) || !DateOnly.TryParseExact(Window.To, "yyyy-MM-dd", out var to) || from > to)
                {
                    return Problem(400, "INVALID_PERIOD");
                }
                await Together.ArriveAsync();
                return RegistryStub.Json(offers);
            });
            app.MapFallback(() => Problem(404, "NO_SUCH_ENDPOINT"));
        });

        private static IResult Problem(int status, string code) => Results.Text(
            $$"""{ "type": "about:blank", "title": "…", "status": {{status}}, "code": "{{code}}" }""", "application/problem+json", statusCode: status);
    }
}
