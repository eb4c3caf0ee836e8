using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Tests.Rules;

/// <summary>Who is family: people the rules would not count are no omission; a spouse or minor child elsewhere is a caseworker's question.</summary>
public sealed class MeansTestFamilyTests
{
    private static readonly DateOnly In2026 = new(2026, 3, 10);
    private static readonly RuleSet Rules = new();

    private static MeansTestResult Evaluate(ProfileBuilder b) => MeansTest.Evaluate(b.Declaration(), b.Build(), Rules, In2026);

    private static Func<MemberProfile, MemberProfile> Status(string flag) => m => m with
    {
        StatusFlags = ProfileBuilder.Ok(new StatusFlagsData(flag == "conscript", flag == "prisoner", flag == "wanted", flag == "abroad", flag == "foreigner", flag == "state-care", false, null)),
    };

    private static Func<MemberProfile, MemberProfile> Finding(string code, Func<MemberProfile, MemberProfile>? then = null) =>
        m => (then ?? (x => x))(m with { Findings = [.. m.Findings, new MemberFinding(code, code)] });

    /// <summary>A father earning 350 with two young children: 3 x 300 = 900, so 550 a month when nothing else counts.</summary>
    private static ProfileBuilder Father() =>
        new ProfileBuilder().Applicant(350).Member(RelationToApplicant.Child, age: 6).Member(RelationToApplicant.Child, age: 9);

    public static TheoryData<RelationToApplicant, string, bool> LeftOutOrDeclared => new()
    {
        { RelationToApplicant.Child, NotCountedReasons.Conscript, false },
        { RelationToApplicant.Child, NotCountedReasons.Conscript, true },
        { RelationToApplicant.Spouse, NotCountedReasons.Abroad, false },
        { RelationToApplicant.Spouse, NotCountedReasons.Abroad, true },
    };

    [Theory]
    [MemberData(nameof(LeftOutOrDeclared))]
    public void ConscriptSonOrSpouseAbroad_LeftOutOrDeclared_IsApprovedWhenTheRestQualifies(RelationToApplicant relation, string reason, bool declared)
    {
        var b = Father();
        b = declared
            ? b.Member(relation, 200, age: 19, change: Status(reason))
            : b.Excluded(ExcludedPerson.UndeclaredCoResident, relation, reason);

        var result = Evaluate(b);

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(550m, result.MonthlyAmount);
        var notCounted = Assert.Single(result.NotCounted);
        Assert.Equal((relation, reason, declared), (notCounted.Relation, notCounted.Reason, notCounted.Declared));
        Assert.Equal(declared ? 200m : null, notCounted.MonthlyIncome);
    }

    [Fact]
    public void SpouseAbroad_DeclaredWithoutHerIncome_IsNoIncomeMismatch()
    {
        // Her 200 a month is left out, so what the declaration says of it does not matter.
        var b = Father().Member(RelationToApplicant.Spouse, 200, change: Status(NotCountedReasons.Abroad));
        var declaration = b.Declaration() with { Incomes = [new(ProfileBuilder.FinOf(1), "wages", 350m)] };

        var result = MeansTest.Evaluate(declaration, b.Build(), Rules, In2026);

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
    }

    [Fact]
    public void SpouseOfForeignCitizenship_WithoutAStatusFlag_IsNotCounted()
    {
        var b = Father().Member(RelationToApplicant.Spouse, 200, change: m => m with
        {
            Identity = ProfileBuilder.Ok(m.Identity!.Data! with { Citizenship = "TUR" }),
        });

        var result = Evaluate(b);

        Assert.Equal(NotCountedReasons.Foreigner, Assert.Single(result.NotCounted).Reason);
        Assert.Equal(550m, result.MonthlyAmount);
    }

    [Fact]
    public void CoResidentLeftOut_WhoWouldCount_IsAnUndeclaredMember()
    {
        var result = Evaluate(Father().Excluded(ExcludedPerson.UndeclaredCoResident, RelationToApplicant.Child));

        Assert.Equal(MeansTestOutcome.Refused, result.Outcome);
        Assert.Equal(["undeclared-member"], Assert.Single(result.Reasons).Details);
    }

    [Fact]
    public void PersonLeftOut_WhoseStatusTheRegistriesDidNotGive_NeedsData()
    {
        var result = Evaluate(Father().Excluded(ExcludedPerson.UndeclaredCoResident, RelationToApplicant.Child, statusUnverified: true));

        Assert.Equal(MeansTestOutcome.NeedsData, result.Outcome);
        Assert.Empty(result.Reasons);
        Assert.Contains(result.MissingData, m => m.StartsWith("status of a person left out", StringComparison.Ordinal));
    }

    [Fact]
    public void SpouseRegisteredElsewhere_Declared_GoesToACaseworker()
    {
        var result = Evaluate(Father().Member(RelationToApplicant.Spouse, change: Finding("address-mismatch")));

        Assert.Equal(MeansTestOutcome.Referred, result.Outcome);
        Assert.Empty(result.Reasons);
        Assert.Contains("spouse declared is registered at another address", Assert.Single(result.Referrals!), StringComparison.Ordinal);
    }

    [Fact]
    public void SpouseRegisteredElsewhere_LeftOut_GoesToACaseworker()
    {
        var result = Evaluate(Father().Excluded(ExcludedPerson.UndeclaredRelative, RelationToApplicant.Spouse));

        Assert.Equal(MeansTestOutcome.Referred, result.Outcome);
        Assert.Empty(result.Reasons);
        Assert.Contains("spouse on record, registered at another address, is not declared", Assert.Single(result.Referrals!), StringComparison.Ordinal);
    }

    [Fact]
    public void SpouseRegisteredElsewhere_LeftOut_ButLivingAbroad_IsNoQuestion()
    {
        var result = Evaluate(Father().Excluded(ExcludedPerson.UndeclaredRelative, RelationToApplicant.Spouse, NotCountedReasons.Abroad));

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
    }

    [Theory]
    [InlineData(2014, "Referred")] // 12 in 2026: a child under 18 belongs to the household wherever registered, so a caseworker decides
    [InlineData(2001, "Refused")] // 25: an adult declared but registered elsewhere contradicts the register (reason 1)
    public void ChildRegisteredElsewhere_Declared_DependsOnAge(int born, string outcome)
    {
        var result = Evaluate(Father().Member(RelationToApplicant.Child, age: 2020 - born, change: Finding("address-mismatch")));

        Assert.Equal(Enum.Parse<MeansTestOutcome>(outcome), result.Outcome);
        if (result.Outcome == MeansTestOutcome.Refused) Assert.Equal(["address-mismatch"], Assert.Single(result.Reasons).Details);
    }

    [Fact]
    public void DeceasedRelativeOnRecord_IsListedAsNotCounted()
    {
        var result = Evaluate(Father().Excluded(ExcludedPerson.DeceasedCode, RelationToApplicant.Spouse, NotCountedReasons.Deceased));

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        var deceased = Assert.Single(result.NotCounted);
        Assert.Equal((RelationToApplicant.Spouse, NotCountedReasons.Deceased, false), (deceased.Relation, deceased.Reason, deceased.Declared));
    }

    [Fact]
    public void DeceasedRelative_InAProfileMadeBeforeCodes_IsListedAsNotCountedToo()
    {
        var result = Evaluate(Father().Excluded("spouse on record, deceased"));

        Assert.Equal(NotCountedReasons.Deceased, Assert.Single(result.NotCounted).Reason);
    }

    [Theory]
    [InlineData("en", "Not counted as family members: the spouse (living abroad; income of 200.00 AZN a month left out), a child (in military service).")]
    [InlineData("az", "Ailə üzvü kimi nəzərə alınmayanlar: həyat yoldaşı (xaricdə yaşayır; ayda 200.00 AZN gəliri nəzərə alınmayıb), övlad (müddətli həqiqi hərbi xidmətdədir).")]
    public void DecisionText_SaysWhoWasNotCountedAndTheIncomeLeftOut(string language, string sentence)
    {
        var b = Father()
            .Member(RelationToApplicant.Spouse, 200, change: Status(NotCountedReasons.Abroad))
            .Excluded(ExcludedPerson.UndeclaredCoResident, RelationToApplicant.Child, NotCountedReasons.Conscript);

        var text = DecisionTexts.Decision(language, "VEM-2026-000001", Evaluate(b));

        Assert.Contains(sentence, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ProfileBuilder.FinOf(4).Value, text, StringComparison.Ordinal);
    }
}
