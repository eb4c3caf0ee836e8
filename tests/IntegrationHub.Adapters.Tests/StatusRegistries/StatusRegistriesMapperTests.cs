using IntegrationHub.Adapters.StatusRegistries;

namespace IntegrationHub.Adapters.Tests.StatusRegistries;

public sealed class StatusRegistriesMapperTests
{
    private static readonly string[] AllRegistries =
        ["DEFENCE", "PENITENTIARY", "INTERIOR", "MIGRATION", "SOCIAL_SERVICES", "IDP_COMMITTEE", "CREDIT_BUREAU"];

    private static readonly string[] FlagProperties =
    [
        nameof(StatusFlagsData.Conscript), nameof(StatusFlagsData.Prisoner), nameof(StatusFlagsData.Wanted), nameof(StatusFlagsData.LivingAbroad),
        nameof(StatusFlagsData.Foreigner), nameof(StatusFlagsData.InFullStateCare), nameof(StatusFlagsData.InternallyDisplaced),
    ];

    private static StatusFlagsData Map(IReadOnlyList<string>? registries = null, params FlagDto[] flags) =>
        StatusRegistriesMapper.ToStatusFlags(new StatusEnvelopeDto(new PersonFlagsDto("5ABC12D", registries ?? AllRegistries, flags)));

    private static FlagDto Flag(string registry, string code) => new(registry, code, null, null);

    [Fact]
    public void ToStatusFlags_NoFlags_NothingSetAndNoLoans()
    {
        var data = Map();

        Assert.All(FlagProperties, p => Assert.False(Value(data, p)));
        Assert.False(data.ExcludedFromFamily);
        Assert.Equal(new CreditSummary(0, 0m), data.Credit);
    }

    [Theory]
    [MemberData(nameof(StatusRegistriesDocumentContractTests.DocumentedFlags), MemberType = typeof(StatusRegistriesDocumentContractTests))]
    public void ToStatusFlags_EveryFlag_SetsItsPropertyAndNoOther(string registry, string code, string property)
    {
        var data = Map(null, Flag(registry, code));

        Assert.All(FlagProperties, p => Assert.Equal(p == property, Value(data, p)));
    }

    [Fact]
    public void ToStatusFlags_DisplacedPerson_IsStillCountedInTheFamily()
    {
        Assert.False(Map(null, Flag("IDP_COMMITTEE", "IDP")).ExcludedFromFamily);
        Assert.True(Map(null, Flag("PENITENTIARY", "SERVING_SENTENCE")).ExcludedFromFamily);
    }

    [Fact]
    public void ToStatusFlags_OpenLoans_SummedIntoCredit()
    {
        var data = Map(null, new FlagDto("CREDIT_BUREAU", "OPEN_LOANS", 2, 1500.50m), new FlagDto("CREDIT_BUREAU", "OPEN_LOANS", 1, 99.50m));

        Assert.Equal(new CreditSummary(3, 1600m), data.Credit);
    }

    [Fact]
    public void ToStatusFlags_CreditBureauNotConsulted_CreditUnknown()
    {
        var data = Map(AllRegistries[..^1]);

        Assert.Null(data.Credit);
    }

    [Fact]
    public void ToStatusFlags_RequiredRegistryNotConsulted_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(AllRegistries.Where(r => r != "PENITENTIARY").ToList()));
        Assert.Contains("'PENITENTIARY'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStatusFlags_UnknownRegistry_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map([.. AllRegistries, "TAX"]));
        Assert.Contains("'TAX'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStatusFlags_UnknownFlagCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(null, Flag("DEFENCE", "RESERVIST")));
        Assert.Contains("'RESERVIST'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStatusFlags_KnownCodeFromWrongRegistry_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(null, Flag("DEFENCE", "WANTED")));
        Assert.Contains("'DEFENCE'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStatusFlags_OpenLoansWithoutAmount_IsRejected()
    {
        Assert.Throws<FormatException>(() => Map(null, new FlagDto("CREDIT_BUREAU", "OPEN_LOANS", 1, null)));
    }

    [Fact]
    public void ToStatusFlags_EnvelopeWithoutData_IsRejected()
    {
        Assert.Throws<FormatException>(() => StatusRegistriesMapper.ToStatusFlags(new StatusEnvelopeDto(null!)));
    }

    private static bool Value(StatusFlagsData data, string property) => (bool)typeof(StatusFlagsData).GetProperty(property)!.GetValue(data)!;
}
