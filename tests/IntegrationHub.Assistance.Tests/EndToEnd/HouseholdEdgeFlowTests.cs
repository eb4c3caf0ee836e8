namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// The households at the edges of the rules (Mocks' edge kinds), end to end: who is family, a spouse registered
/// elsewhere, utilities billed in a dead man's name or nowhere, and what the caseworker reads in the decision.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HouseholdEdgeFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object ECabinet = new { kind = "ecabinet" };

    private static string SampleOf(AssistanceFactory factory, string kind) =>
        factory.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private static async Task<JsonElement> DecisionDetailAsync(AssistanceFactory factory, string number)
    {
        using var caseworker = factory.PersonClient(People.Caseworker());
        return await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/decisions/{number}", Ct);
    }

    [Theory]
    [InlineData("conscript", false)]
    [InlineData("conscript", true)]
    [InlineData("spouse-abroad", false)]
    [InlineData("spouse-abroad", true)]
    public async Task MemberNotCountedByTheRules_LeftOutOrDeclared_IsApproved(string kind, bool declared)
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, kind);
        var outsider = factory.Country.Population.ByFin[fin].Household.Members.Single(m => m.Status.Conscript || m.Status.Abroad).Fin;
        var application = await factory.PrefilledApplicationAsync(fin, ECabinet, p => p.Members.Where(m => declared || m.Fin.Value != outsider));

        var status = await factory.WaitForDecisionAsync(await factory.SubmitAsync(application));

        Assert.Equal("approved", status.Status);
        var detail = await DecisionDetailAsync(factory, status.ApplicationNumber);
        var notCounted = Assert.Single(detail.GetProperty("figures").GetProperty("notCounted").EnumerateArray());
        Assert.Equal(outsider, notCounted.GetProperty("fin").GetString());
        Assert.Equal(declared, notCounted.GetProperty("declared").GetBoolean());
    }

    [Fact]
    public async Task SpouseAbroad_TheDecisionShowsHerAndHerIncomeLeftOut_AndAgreesWithTheSummary()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, "spouse-abroad");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, ECabinet));

        var status = await factory.WaitForDecisionAsync(number);

        var profile = await factory.ProfileAsync(fin);
        var figures = (await DecisionDetailAsync(factory, number)).GetProperty("figures");
        Assert.Equal(350m, figures.GetProperty("totalMonthlyIncome").GetDecimal());
        Assert.Equal(profile.Summary.TotalMonthlyIncome, figures.GetProperty("totalMonthlyIncome").GetDecimal());
        Assert.Equal(profile.Summary.CountedMembers, figures.GetProperty("counted").GetArrayLength());
        var spouse = Assert.Single(figures.GetProperty("notCounted").EnumerateArray());
        Assert.Equal(("Spouse", "abroad", 200m), (spouse.GetProperty("relation").GetString(), spouse.GetProperty("reason").GetString(), spouse.GetProperty("monthlyIncome").GetDecimal()));
        Assert.Contains("the spouse (living abroad; income of 200.00 AZN a month left out)", status.Decision!.TextEn, StringComparison.Ordinal);
        Assert.Contains("həyat yoldaşı (xaricdə yaşayır; ayda 200.00 AZN gəliri nəzərə alınmayıb)", status.Decision.TextAz, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeceasedMember_IsNamedInTheDecisionAsNotCounted()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, "deceased-member");
        var husband = factory.Country.Population.ByFin[fin].Household.Members.Single(m => m.Deceased).Fin;
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, ECabinet));

        var status = await factory.WaitForDecisionAsync(number);

        var notCounted = (await DecisionDetailAsync(factory, number)).GetProperty("figures").GetProperty("notCounted").EnumerateArray().ToList();
        Assert.Contains(notCounted, m => m.GetProperty("fin").GetString() == husband && m.GetProperty("reason").GetString() == NotCountedReasons.Deceased);
        Assert.Contains("(deceased)", status.Decision!.TextEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SpouseRegisteredElsewhere_DeclaredOrLeftOut_GoesToACaseworker_NotToARefusal(bool declared)
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, "spouse-elsewhere");
        var household = factory.Country.Population.ByFin[fin].Household.Members.Select(m => m.Fin).ToHashSet();
        // The hub proposes her from the marriage on record; the family either declares her or leaves her out.
        var application = await factory.PrefilledApplicationAsync(fin, ECabinet, p => p.Members.Where(m => declared || household.Contains(m.Fin.Value)));

        var number = await factory.SubmitAsync(application);
        var status = await factory.WaitForStatusAsync(number, s => s.Status != "in-progress");

        Assert.Equal("in-review", status.Status);
        Assert.Null(status.Decision);
        using var caseworker = factory.PersonClient(People.Caseworker());
        var queue = await caseworker.GetFromJsonAsync<JsonElement>("/api/v1/assistance/queue", Ct);
        var queued = Assert.Single(queue.EnumerateArray(), c => c.GetProperty("applicationNumber").GetString() == number);
        Assert.Contains(declared ? "the spouse declared is registered at another address" : "a spouse on record, registered at another address, is not declared",
            queued.GetProperty("caseworkerReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UtilitiesInADeceasedMembersName_AboveFifteenPercent_RefuseForReasonSix()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, "deceased-holder");

        var status = await factory.WaitForDecisionAsync(await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, ECabinet)));

        Assert.Equal("refused", status.Status);
        Assert.Equal([RefusalReasons.HighUtilities], status.Decision!.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task NoUtilityAccountAtTheAddress_IsNotRefused_TheCaseWaitsForTheData()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = SampleOf(factory, "no-utility-account");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, ECabinet));
        var store = factory.Services.GetRequiredService<AssistanceStore>();

        await Poll.UntilAsync(() => store.Find(number) is { Attempts: > 0 }, TimeSpan.FromSeconds(30));

        var record = store.Find(number)!;
        Assert.Equal(CaseStatus.AwaitingData, record.Status);
        Assert.Contains("no account is billed at the registered address", record.LastProblem, StringComparison.Ordinal);
        Assert.Null(store.FindDecision(number));
    }
}
