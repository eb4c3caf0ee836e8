using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Tests.Engine.Aggregation;
using MassTransit;

namespace IntegrationHub.Hub.Tests.Engine.Access;

public sealed class AccessPolicyTests : IAsyncLifetime
{
    // Unhurried budgets: these tests compare what each caller sees, which must not depend on a busy machine.
    private readonly HubFactory _hub = new(AgencyBudgets.Unhurried(), households: 120);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private string Sample(string kind) => _hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private Task<HttpResponseMessage> PostAsync(string caller, string applicant, string purpose, string caseNumber = "CASE-1") =>
        _hub.CreateClient(caller).PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose, caseNumber }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Assistance_GetsEverythingButHealth_HealthAbsentNotBlank()
    {
        var response = await PostAsync("assistance", Sample("large-family"), "targeted-social-assistance");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        Assert.All(profile.Members, m => Assert.Null(m.Health));
        Assert.All(profile.Members, m => Assert.NotNull(m.RealEstate));
        Assert.DoesNotContain("\"health\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(profile.Sources, s => s.DataSet == "health");
        Assert.Equal(13, profile.Sources.Count);
        Assert.NotNull(profile.Summary.Assets.SecondProperty);
    }

    [Fact]
    public async Task Disability_SeesHealthButNoPropertyVehiclesOrLand_AndTheSummaryDoesNotLeakThem()
    {
        var applicant = Sample("two-homes");
        var full = await HubFactory.ReadProfileAsync(await PostAsync("assistance", applicant, "targeted-social-assistance"));
        Assert.True(full.Summary.Assets.SecondProperty);

        var response = await PostAsync("disability", applicant, "disability-assessment");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        var person = Assert.Single(profile.Members);
        Assert.NotNull(person.Health);
        Assert.Null(person.RealEstate);
        Assert.Null(person.Vehicles);
        Assert.Null(person.Land);
        Assert.Null(person.TaxIncome);
        Assert.Null(person.FamilyRelations);
        Assert.Equal(["disability", "education", "employment", "health", "identity", "job-seeker", "pensions-benefits", "status-flags"], profile.Sources.Select(s => s.DataSet).Order(StringComparer.Ordinal));
        Assert.Null(profile.Summary.Assets.SecondProperty);
        Assert.Null(profile.Summary.Assets.Vehicle);
        Assert.Null(profile.Summary.Assets.Land);
        Assert.False(profile.Summary.IncomeComplete);
        using var json = JsonDocument.Parse(body);
        Assert.Empty(json.RootElement.GetProperty("summary").GetProperty("assets").EnumerateObject());
        Assert.DoesNotContain("realEstate", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabilityAssessment_OfAPersonInAMultiMemberHousehold_HoldsThatPersonAlone_NobodyElseAskedAboutOrAudited()
    {
        var family = _hub.Country.Population.ByFin[Sample("large-family")];
        var applicant = family.Fin;
        var others = family.Household.Members.Select(m => m.Fin).Where(f => f != applicant).ToList();
        Assert.True(others.Count >= 3, "the sample should live with others");
        var household = await HubFactory.ReadProfileAsync(await PostAsync("assistance", applicant, "targeted-social-assistance", "VEM-1"));
        Assert.True(household.Members.Count > 1);

        var response = await PostAsync("disability", applicant, "disability-assessment", "TS-1");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        Assert.Equal([applicant], profile.Members.Select(m => m.Fin.Value));
        Assert.Empty(profile.Excluded);
        Assert.All(others, fin => Assert.DoesNotContain(fin, body, StringComparison.Ordinal));
        // Asked about one person: the members' agencies were not asked for their data sets.
        Assert.All(profile.Sources, s => Assert.Equal(1, s.Asked));
        var record = Assert.Single(_hub.Services.GetRequiredService<IAuditStore>().Find(new AuditFilter(Caller: "disability"), 1, 10).Items);
        Assert.Equal([applicant], record.Subjects);
        Assert.All(record.Agencies, a => Assert.Equal(1, a.Asked));
        var audit = _hub.Services.GetRequiredService<IAuditStore>();
        Assert.All(others, fin => Assert.DoesNotContain(audit.ProfilesReturnedAbout(fin, 50), r => r.Caller == "disability"));
    }

    [Fact]
    public async Task ApplicantAlone_EvenWithUtilitiesAllowed_AsksNothingAtTheAddressAndNobodyElse()
    {
        // The widow's address is billed in her dead husband's name: accounts there are someone else's data.
        await using var hub = new HubFactory(
            new Dictionary<string, string?>(AgencyBudgets.Unhurried()) { ["Trust:Policy:disability:disability-assessment:Applicant:8"] = "utilities" }, households: 60);
        var widow = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "deceased-holder").Fin;
        var before = Requests(hub);

        var response = await hub.CreateClient("disability").PostAsJsonAsync("/api/v1/profiles",
            new { applicant = widow, purpose = "disability-assessment", caseNumber = "TS-ADDR" }, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        var person = Assert.Single(profile.Members);
        Assert.NotNull(person.Utilities);
        Assert.Null(profile.Address);
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.TryGetProperty("address", out _));
        Assert.Empty(profile.Excluded);
        var asked = Delta(hub, before);
        // Her identity and her status flags, nothing about anyone else: no co-residents, no civil record, no address.
        Assert.Equal((1L, 0L, 1L), (asked["population"], asked["civil-registry"], asked["status-registries"]));
    }

    [Fact]
    public async Task Household_StatusFlagsNotAllowedAboutMembers_PersonLeftOutIsNotAskedThere_StatusUnverified_YetAudited()
    {
        await using var hub = new HubFactory(
            new Dictionary<string, string?>(AgencyBudgets.Unhurried()) { ["Trust:Policy:assistance:targeted-social-assistance:Members:12"] = null }, households: 60);
        var father = hub.Country.Population.ByFin[hub.Country.Population.Samples().Single(s => s.HouseholdKind == "conscript").Fin];
        var soldier = father.Household.Members.Single(m => m.Status.Conscript);
        var before = Requests(hub);

        var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(father.Fin, HouseholdFixture.Declare(father, m => m == soldier), caseNumber: "VEM-LEFT-OUT"));

        // The status registries are asked about the applicant alone; whether the son counts is then unknown, not guessed.
        Assert.Equal(1L, Delta(hub, before)["status-registries"]);
        var excluded = Assert.Single(profile.Excluded);
        Assert.Equal((soldier.Fin, ExcludedPerson.UndeclaredCoResident, (string?)null, true), (excluded.Fin.Value, excluded.Code, excluded.NotCounted, excluded.StatusUnverified));
        Assert.All(profile.Members, m => Assert.Equal(m.Fin.Value == father.Fin, m.StatusFlags is not null));
        // His entry left the hub: he is a subject of the record and sees the access in his own view.
        var record = Assert.Single(hub.Services.GetRequiredService<IAuditStore>().Find(new AuditFilter(Caller: "assistance"), 1, 10).Items);
        Assert.Contains(soldier.Fin, record.Subjects);
        var view = await hub.PersonClient(People.Citizen(soldier.Fin)).GetFromJsonAsync<CitizenAccesses>(
            $"/api/v1/audit/citizens/{soldier.Fin}/accesses", HubFactory.Json, TestContext.Current.CancellationToken);
        Assert.Equal([("assistance", "targeted-social-assistance", (string?)null, CitizenAccess.AsHouseholdMember)],
            view!.Accesses.Select(a => (a.Subsystem, a.Purpose, a.CaseNumber, a.As)));
    }

    [Fact]
    public async Task Household_UtilitiesNotAllowedAboutMembers_TheAddressIsNotAsked()
    {
        await using var hub = new HubFactory(
            new Dictionary<string, string?>(AgencyBudgets.Unhurried()) { ["Trust:Policy:assistance:targeted-social-assistance:Members:11"] = null }, households: 60);
        var widow = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "deceased-holder").Fin;

        var profile = await hub.AssembleAsync(widow);

        Assert.NotNull(profile.Members.Single(m => m.Fin.Value == widow).Utilities);
        Assert.Null(profile.Address);
        Assert.Null(profile.Summary.MonthlyUtilities);
    }

    [Fact]
    public async Task DisabilityAssessment_WithDeclaredMembers_403NotPermitted()
    {
        var family = _hub.Country.Population.ByFin[Sample("large-family")];
        var member = family.Household.Members.First(m => m.Fin != family.Fin).Fin;

        var response = await _hub.CreateClient("disability").PostAsJsonAsync("/api/v1/profiles",
            new { applicant = family.Fin, declaredMembers = new[] { new { fin = member, relation = "Spouse" } }, purpose = "disability-assessment", caseNumber = "TS-1" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((RefusalCodes.NotPermitted, "declaredMembers"), (problem.Code, problem.Field));
    }

    [Fact]
    public async Task Household_MembersSeeOnlyTheMembersDataSets_TheApplicantTheirOwn()
    {
        // The applicant's vehicles may be seen, the other members' not: the household flag over them is then withheld.
        await using var hub = new HubFactory(new Dictionary<string, string?>(AgencyBudgets.Unhurried())
        {
            ["Trust:Policy:assistance:targeted-social-assistance:Members:6"] = null,
            ["Trust:Policy:assistance:targeted-social-assistance:Members:7"] = null,
            ["Trust:Policy:assistance:targeted-social-assistance:Members:8"] = "education",
            ["Trust:Policy:assistance:targeted-social-assistance:Members:9"] = null,
            ["Trust:Policy:assistance:targeted-social-assistance:Members:10"] = null,
            ["Trust:Policy:assistance:targeted-social-assistance:Members:11"] = null,
            ["Trust:Policy:assistance:targeted-social-assistance:Members:12"] = null,
        }, households: 60);
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "large-family").Fin;

        var profile = await hub.AssembleAsync(applicant);

        Assert.True(profile.Members.Count > 1);
        var (own, others) = (profile.Members.Single(m => m.Fin.Value == applicant), profile.Members.Where(m => m.Fin.Value != applicant).ToList());
        Assert.NotNull(own.Vehicles);
        Assert.NotNull(own.RealEstate);
        Assert.All(others, m =>
        {
            Assert.Null(m.Vehicles);
            Assert.Null(m.RealEstate);
            Assert.Null(m.Disability);
            Assert.NotNull(m.Education);
            Assert.NotNull(m.TaxIncome);
        });
        Assert.Equal(1, profile.Sources.Single(s => s.DataSet == "vehicles").Asked);
        Assert.Equal(profile.Members.Count, profile.Sources.Single(s => s.DataSet == "education").Asked);
        Assert.Null(profile.Summary.Assets.Vehicle);
    }

    private static Dictionary<string, long> Requests(HubFactory hub) => hub.Country.Agencies.ToDictionary(a => a.Key, a => a.Requests);

    /// <summary>Requests each agency received since <paramref name="before"/>.</summary>
    private static Dictionary<string, long> Delta(HubFactory hub, Dictionary<string, long> before) =>
        hub.Country.Agencies.ToDictionary(a => a.Key, a => a.Requests - before[a.Key]);

    [Fact]
    public async Task PurposeNotAllowed_403NotPermitted_AndAudited()
    {
        var applicant = Sample("low-income-family");

        var response = await PostAsync("assistance", applicant, "disability-assessment", "VEM-9");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RefusalCodes.NotPermitted, (await Problem.ReadAsync(response)).Code);
        var record = Assert.Single(_hub.Services.GetRequiredService<IAuditStore>().Find(new AuditFilter(Caller: "assistance"), 1, 10).Items);
        Assert.Equal(RefusalCodes.NotPermitted, record.Outcome);
        Assert.Equal("disability-assessment", record.Purpose);
        Assert.Equal("VEM-9", record.CaseNumber);
        Assert.Equal([applicant], record.Subjects);
        Assert.Empty(record.Agencies);
        Assert.Null(record.ProfileHash);
    }

    [Fact]
    public async Task KnownCallerWithoutPolicy_403NotPermitted()
    {
        // The operator authenticates, but is no subsystem: it has no role for the profiles API.
        var response = await PostAsync("operator", Sample("low-income-family"), "targeted-social-assistance");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bus_UnknownRequestingSubsystem_RefusedUnknownCaller_AndAudited()
    {
        var applicant = Sample("low-income-family");
        await using var scope = _hub.Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "X-1", "impostor"),
            TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused));
        Assert.Equal(RefusalCodes.UnknownCaller, refused!.Message.Reason);
        var record = Assert.Single(_hub.Services.GetRequiredService<IAuditStore>().Find(new AuditFilter(Caller: "impostor"), 1, 10).Items);
        Assert.Equal(RefusalCodes.UnknownCaller, record.Outcome);
    }

    [Fact]
    public async Task Bus_KnownSubsystem_GetsItsCutOfTheProfile_NobodyDeclaredMeansTheApplicantAlone()
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();
        var applicant = Sample("low-income-family");

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "disability-assessment", "T-1", "disability"),
            TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileResult>? result));
        var person = Assert.Single(result!.Message.Profile.Members);
        Assert.Equal(applicant, person.Fin.Value);
        Assert.Null(person.RealEstate);
    }
}

public sealed class AccessPolicyConfigurationTests
{
    private const string Disability = "Trust:Policy:disability:disability-assessment";
    private const string Assistance = "Trust:Policy:assistance:targeted-social-assistance";

    public static TheoryData<Dictionary<string, string?>, string> BadPolicies => new()
    {
        { new() { [$"{Assistance}:Applicant:0"] = "helth" }, $"{Assistance}:Applicant names unknown data set 'helth'" },
        { new() { [$"{Assistance}:Members:3"] = "helth" }, $"{Assistance}:Members names unknown data set 'helth'" },
        { new() { [$"{Disability}:Subjects"] = "family" }, $"{Disability}:Subjects is 'family'; it must be applicant (the applicant alone) or household" },
        { new() { ["Trust:Policy:disability:other-purpose:Applicant:0"] = "health" }, "Trust:Policy:disability:other-purpose:Subjects is missing" },
        { new() { [$"{Disability}:Members:0"] = "health" }, $"{Disability}:Members lists data sets, but {Disability}:Subjects is applicant" },
        { new() { [$"{Disability}:Applicant:8"] = "family-relations" }, $"{Disability}:Applicant names 'family-relations', but {Disability}:Subjects is applicant" },
        { new() { [$"{Disability}:Applicants:0"] = "health" }, $"{Disability} has no setting 'Applicants'" },
        { new() { ["Trust:Policy:disability:other-purpose:0"] = "health" }, "Trust:Policy:disability:other-purpose is a plain list of data sets" },
        { Emptied($"{Disability}:Applicant"), $"{Disability}:Applicant allows no data set about the applicant" },
        { Emptied($"{Assistance}:Members"), $"{Assistance}:Members allows no data set about the other members" },
    };

    // Configuration cannot remove a key: every entry of the shipped list set to nothing empties it.
    private static Dictionary<string, string?> Emptied(string list) => Enumerable.Range(0, 20).ToDictionary(i => $"{list}:{i}", _ => (string?)null);

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task ABadPolicy_StopsStartUp_NamingTheSetting(Dictionary<string, string?> settings, string expected)
    {
        await using var hub = new HubFactory(settings, households: 40);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
