using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>One hub and mock country for the read-only tests of who the household is and what is billed at its address.</summary>
public sealed class HouseholdFixture : IAsyncLifetime
{
    // These tests are about who the household is, not about time: agencies get room to answer on a loaded machine
    // (an agency that misses the test-sized 2 s deadline would leave a tie or a status unread and fail them at random).
    public HubFactory Hub { get; } = new(AgencyBudgets.Unhurried());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    public Person Sample(string kind) => Hub.Country.Population.ByFin[Hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin];

    /// <summary>The applicant's declaration: everyone living in the household but the applicant and those <paramref name="leaveOut"/> names.</summary>
    public static object[] Declare(Person applicant, Func<Person, bool>? leaveOut = null) =>
        applicant.Household.Members
            .Where(m => m != applicant && !m.Deceased && !(leaveOut?.Invoke(m) ?? false))
            .Select(m => (object)new { fin = m.Fin, relation = m.Role switch { "spouse" => "Spouse", "child" => "Child", _ => "Other" } })
            .ToArray();
}

public sealed class HouseholdResolverTests(HouseholdFixture fixture) : IClassFixture<HouseholdFixture>
{
    private HubFactory Hub => fixture.Hub;

    [Fact]
    public async Task Declared_ConscriptSonLeftOut_IsExcludedWithTheStatusThatKeepsHimOut()
    {
        var father = fixture.Sample("conscript");
        var soldier = father.Household.Members.Single(m => m.Status.Conscript);

        var profile = await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(father.Fin, HouseholdFixture.Declare(father, m => m == soldier)));

        var excluded = Assert.Single(profile.Excluded, e => e.Fin.Value == soldier.Fin);
        Assert.Equal((ExcludedPerson.UndeclaredCoResident, RelationToApplicant.Child, NotCountedReasons.Conscript, false),
            (excluded.Code, excluded.Relation, excluded.NotCounted, excluded.StatusUnverified));
    }

    [Fact]
    public async Task Declared_PersonLeftOut_IsASubjectOfTheAuditRecord_SinceTheRegistriesWereAskedAboutHim()
    {
        var father = fixture.Sample("conscript");
        var soldier = father.Household.Members.Single(m => m.Status.Conscript);
        (await Hub.PostProfileAsync(father.Fin, HouseholdFixture.Declare(father, m => m == soldier), caseNumber: "AUDIT-LEFT-OUT")).EnsureSuccessStatusCode();

        using var auditor = Hub.CreateClient("auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit/records?subject={soldier.Fin}", TestContext.Current.CancellationToken);

        Assert.Contains(page.GetProperty("items").EnumerateArray(), r => r.GetProperty("caseNumber").GetString() == "AUDIT-LEFT-OUT");
    }

    [Fact]
    public async Task Declared_OrdinaryChildLeftOut_WouldCount()
    {
        var father = fixture.Sample("low-income-family");
        var child = father.Household.Members.First(m => m.Role == "child");

        var profile = await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(father.Fin, HouseholdFixture.Declare(father, m => m == child)));

        var excluded = Assert.Single(profile.Excluded);
        Assert.Equal((ExcludedPerson.UndeclaredCoResident, (string?)null, false), (excluded.Code, excluded.NotCounted, excluded.StatusUnverified));
    }

    [Fact]
    public async Task Declared_SpouseRegisteredElsewhereLeftOut_IsAnUndeclaredRelative()
    {
        var husband = fixture.Sample("spouse-elsewhere");
        var wife = Hub.Country.Population.ByFin.Values.Single(p => p.Role == "head" && p.Household != husband.Household && p.Household.Kind == "spouse-elsewhere" && p.Sex == 'F'
            && Hub.Country.Population.ActsByFin[p.Fin].Any(a => a.Kind == "MARRIAGE" && (a.FinA == husband.Fin || a.FinB == husband.Fin)));

        var profile = await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(husband.Fin, HouseholdFixture.Declare(husband)));

        var excluded = Assert.Single(profile.Excluded);
        Assert.Equal(wife.Fin, excluded.Fin.Value);
        Assert.Equal((ExcludedPerson.UndeclaredRelative, RelationToApplicant.Spouse, (string?)null), (excluded.Code, excluded.Relation, excluded.NotCounted));
    }

    [Fact]
    public async Task Declared_DeceasedHusbandNotDeclared_IsExcludedAsDeceased()
    {
        var widow = fixture.Sample("deceased-member");
        var husband = widow.Household.Members.Single(m => m.Deceased);

        var profile = await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(widow.Fin, HouseholdFixture.Declare(widow)));

        var excluded = Assert.Single(profile.Excluded);
        Assert.Equal((husband.Fin, ExcludedPerson.DeceasedCode, NotCountedReasons.Deceased), (excluded.Fin.Value, excluded.Code, excluded.NotCounted));
        Assert.True(excluded.IsDeceased);
    }

    [Fact]
    public async Task DeceasedHusband_IsExcludedAsDeceased_ButADeceasedParentIsNoOne()
    {
        var widow = fixture.Sample("deceased-holder");
        var dead = widow.Household.Members.Where(m => m.Deceased).ToList();
        var husband = dead.Single(m => m.Role == "head");

        var profile = await Hub.AssembleAsync(widow.Fin);

        Assert.Equal(2, dead.Count);
        var excluded = Assert.Single(profile.Excluded);
        Assert.Equal((husband.Fin, RelationToApplicant.Spouse, ExcludedPerson.DeceasedCode), (excluded.Fin.Value, excluded.Relation, excluded.Code));
    }

    [Fact]
    public async Task SpouseAbroad_TheSummaryTotalsOnlyTheMembersWhoCount()
    {
        var father = fixture.Sample("spouse-abroad");
        var wife = father.Household.Members.Single(m => m.Status.Abroad);

        var profile = await Hub.AssembleAsync(father.Fin);

        Assert.Contains(profile.Members, m => m.Fin.Value == wife.Fin);
        var hers = profile.Summary.MonthlyIncome.Single(i => i.Fin.Value == wife.Fin);
        Assert.Equal((200m, NotCountedReasons.Abroad), (hers.Total, hers.NotCounted));
        Assert.Equal(350m, profile.Summary.TotalMonthlyIncome);
        Assert.Equal(profile.Members.Count - 1, profile.Summary.CountedMembers);
    }

    [Fact]
    public async Task Address_AccountsInADeceasedMembersName_AreFetchedByAddress()
    {
        var widow = fixture.Sample("deceased-holder");
        var husband = widow.Household.Members.Single(m => m.Deceased && m.Role == "head");

        var profile = await Hub.AssembleAsync(widow.Fin);

        // No living member's FIN finds an account; the address does.
        Assert.All(profile.Members, m => Assert.Empty(m.Utilities!.Data!.Accounts));
        Assert.Equal(widow.Household.Address.Code, profile.Address!.AddressId);
        Assert.Equal(SourceStatus.Ok, profile.Address.Utilities!.Status);
        Assert.Equal(husband.UtilityAccounts.Select(a => a.AccountNo).Order(), profile.Address.Utilities.Data!.Accounts.Select(a => a.AccountNumber).Order());
        Assert.Equal(48, profile.Address.Utilities.Data.Charges.Count);
        Assert.Equal("utilities", profile.Address.Utilities.Provenance!.Agency);
        var perPerson = profile.Summary.MonthlyUtilities!.Value / profile.Members.Count;
        Assert.True(perPerson >= 0.15m * 300m, $"{perPerson} a person");
        Assert.True(profile.Complete);
    }

    [Fact]
    public async Task Address_NobodyBillsThere_IsNotFound_AndTheCostUnknown()
    {
        var father = fixture.Sample("no-utility-account");

        var profile = await Hub.AssembleAsync(father.Fin);

        Assert.Equal(SourceStatus.NotFound, profile.Address!.Utilities!.Status);
        Assert.Null(profile.Summary.MonthlyUtilities);
        Assert.True(profile.Complete);
    }

    [Fact]
    public async Task Address_PurposeWithoutUtilities_IsNotAsked()
    {
        var father = fixture.Sample("low-income-family");
        using var client = Hub.CreateClient("disability");

        using var response = await client.PostAsJsonAsync("/api/v1/profiles",
            new { applicant = father.Fin, purpose = "disability-assessment", caseNumber = "TSE-1" }, TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);

        Assert.Null(profile.Address);
        Assert.Null(profile.Summary.MonthlyUtilities);
    }
}

/// <summary>Agencies that fail while the household is resolved: hubs of their own, since faults are injected.</summary>
public sealed class HouseholdResolverFaultTests
{
    [Fact]
    public async Task StatusRegistriesDown_PersonLeftOut_IsStatusUnverified()
    {
        await using var hub = new HubFactory();
        var father = hub.Country.Population.ByFin[hub.Country.Population.Samples().Single(s => s.HouseholdKind == "conscript").Fin];
        var soldier = father.Household.Members.Single(m => m.Status.Conscript);
        hub.Country["status-registries"].Inject(new FaultPlan(FaultKind.Down));

        var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(father.Fin, HouseholdFixture.Declare(father, m => m == soldier)));

        var excluded = Assert.Single(profile.Excluded);
        Assert.True(excluded.StatusUnverified);
        Assert.Null(excluded.NotCounted);
    }

    [Fact]
    public async Task UtilitiesDown_TheAddressAnswerIsMissing_AndTheProfileIncomplete()
    {
        await using var hub = new HubFactory();
        var father = hub.Country.Population.ByFin[hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin];
        hub.Country["utilities"].Inject(new FaultPlan(FaultKind.Down));

        var profile = await hub.AssembleAsync(father.Fin);

        Assert.Contains(profile.Address!.Utilities!.Status, new[] { SourceStatus.Failed, SourceStatus.TimedOut, SourceStatus.CircuitOpen });
        Assert.False(profile.Complete);
    }
}
