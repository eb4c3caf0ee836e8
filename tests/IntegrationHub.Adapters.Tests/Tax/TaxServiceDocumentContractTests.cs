using System.Globalization;
using IntegrationHub.Adapters.Tax;

namespace IntegrationHub.Adapters.Tests.Tax;

/// <summary>The tax adapter against a service that answers exactly as docs/agencies/tax.md shows.</summary>
public sealed class TaxServiceDocumentContractTests
{
    private const string Fin = "EY9QJVT";
    private static readonly AgencyDocument Document = AgencyDocument.Load(TaxServiceAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_BothCallsAtOnceAndReadAsDocumented()
    {
        var service = new TaxService(Document.Example("\"registrations\""), Document.Example("\"BUSINESS\""));
        await using var registry = await service.StartAsync();

        var data = await DocumentContract.FetchAsync<TaxIncomeData>(registry, TaxServiceAdapter.Key, Fin);

        // The window's twelve months, as the page says; and the registrations call was still open when the income call came.
        Assert.Equal(("2025-11", "2026-10"), service.Period);
        Assert.True(service.AtOnce, "the two calls were not made at once");
        var registration = Assert.Single(data.Registrations);
        Assert.Equal(new TaxpayerRegistration(Voen.Parse("2402805542"), TaxRegime.Simplified, new DateOnly(2022, 5, 1), true), registration);
        Assert.True(data.IsEntrepreneur);
        Assert.Equal(
        [
            new MonthlyIncome(new DateOnly(2026, 9, 1), IncomeKind.Business, 780m, 0m, null),
            new MonthlyIncome(new DateOnly(2026, 10, 1), IncomeKind.Business, 780m, 0m, null),
        ], data.Income);
    }

    [Fact]
    public async Task Fetch_DocumentedWageStatement_PayerRead()
    {
        await using var registry = await new TaxService(Document.Example("\"registrations\""), Document.Example("\"WAGE\"")).StartAsync();

        var data = await DocumentContract.FetchAsync<TaxIncomeData>(registry, TaxServiceAdapter.Key, Fin);

        Assert.All(data.Income, line => Assert.Equal((IncomeKind.Wage, 2864m, 400.96m, Voen.Parse("1700038881")), (line.Kind, line.Gross, line.TaxWithheld, line.PayerVoen)));
        Assert.Equal(2, data.Income.Count);
    }

    /// <summary>Each regime code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, TaxRegime> DocumentedRegimes => new()
    {
        { "SIMPLIFIED", TaxRegime.Simplified },
        { "VAT", TaxRegime.Vat },
        { "PROFIT", TaxRegime.Profit },
        { "NONE", TaxRegime.None },
    };

    [Theory]
    [MemberData(nameof(DocumentedRegimes))]
    public async Task Fetch_EveryDocumentedRegime_Read(string code, TaxRegime regime)
    {
        Document.AssertLists(code);
        var registrations = Document.ExampleNode("\"registrations\"");
        registrations["registrations"]![0]!["tax_regime"] = code;
        await using var registry = await new TaxService(registrations.ToJsonString(), Document.Example("\"BUSINESS\"")).StartAsync();

        Assert.Equal(regime, Assert.Single((await DocumentContract.FetchAsync<TaxIncomeData>(registry, TaxServiceAdapter.Key, Fin)).Registrations).Regime);
    }

    [Theory]
    [InlineData("ACTIVE", true)]
    [InlineData("SUSPENDED", false)]
    [InlineData("DEREGISTERED", false)]
    public async Task Fetch_EveryDocumentedStatus_Read(string code, bool active)
    {
        Document.AssertLists(code);
        var registrations = Document.ExampleNode("\"registrations\"");
        registrations["registrations"]![0]!["status"] = code;
        await using var registry = await new TaxService(registrations.ToJsonString(), Document.Example("\"BUSINESS\"")).StartAsync();

        var data = await DocumentContract.FetchAsync<TaxIncomeData>(registry, TaxServiceAdapter.Key, Fin);

        Assert.Equal(active, Assert.Single(data.Registrations).Active);
        Assert.Equal(active, data.IsEntrepreneur);
    }

    [Theory]
    [InlineData("WAGE", IncomeKind.Wage)]
    [InlineData("BUSINESS", IncomeKind.Business)]
    [InlineData("PROPERTY", IncomeKind.Property)]
    [InlineData("HOUSEHOLD_PLOT", IncomeKind.HouseholdPlot)]
    [InlineData("OTHER", IncomeKind.Other)]
    public async Task Fetch_EveryDocumentedIncomeType_Read(string code, IncomeKind kind)
    {
        Document.AssertLists(code);
        var statement = Document.ExampleNode("\"BUSINESS\"");
        foreach (var line in statement["lines"]!.AsArray()) line!["income_type"] = code;
        await using var registry = await new TaxService(Document.Example("\"registrations\""), statement.ToJsonString()).StartAsync();

        Assert.All((await DocumentContract.FetchAsync<TaxIncomeData>(registry, TaxServiceAdapter.Key, Fin)).Income, i => Assert.Equal(kind, i.Kind));
    }

    [Theory]
    [InlineData("registrations", "tax_regime", "TURNOVER")]
    [InlineData("registrations", "voen", "12345")]
    [InlineData("lines", "income_type", "GIFT")]
    [InlineData("lines", "month", "2026-9")]
    public async Task Fetch_UndocumentedValue_Malformed(string list, string field, string value)
    {
        var registrations = Document.ExampleNode("\"registrations\"");
        var statement = Document.ExampleNode("\"BUSINESS\"");
        (list == "registrations" ? registrations : statement)[list]![0]![field] = value;
        await using var registry = await new TaxService(registrations.ToJsonString(), statement.ToJsonString()).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, TaxServiceAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("registrations", "status")]
    [InlineData("lines", "gross")]
    [InlineData("lines", "tax_withheld")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string list, string field)
    {
        var registrations = Document.ExampleNode("\"registrations\"");
        var statement = Document.ExampleNode("\"BUSINESS\"");
        (list == "registrations" ? registrations : statement)[list]![0]!.AsObject().Remove(field);
        await using var registry = await new TaxService(registrations.ToJsonString(), statement.ToJsonString()).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, TaxServiceAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_TaxpayerNotFound_Null()
    {
        Document.AssertLists("TAXPAYER_NOT_FOUND");
        await using var registry = await new TaxService(Document.Example("\"registrations\""), Document.Example("\"BUSINESS\"")).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, TaxServiceAdapter.Key, "3ABVK9J"));
    }

    /// <summary>
    /// The service of the page: both calls for <see cref="Fin"/>, any other FIN TAXPAYER_NOT_FOUND, and the income
    /// period checked as the page says (INVALID_PERIOD otherwise).
    /// </summary>
    private sealed class TaxService(string registrations, string statement)
    {
        private readonly Rendezvous _together = new(2);

        public (string? From, string? To) Period { get; private set; }

        public bool AtOnce => _together.AtOnce;

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            var notFound = RegistryStub.Json("""{ "error_code": "TAXPAYER_NOT_FOUND", "error_message": "No taxpayer with this FIN." }""", 404);
            app.MapGet("/etax/v1/individuals/{fin}/registrations", async (string fin) =>
            {
                if (fin != Fin) return notFound;
                await _together.ArriveAsync();
                return RegistryStub.Json(registrations);
            });
            app.MapGet("/etax/v1/individuals/{fin}/income", async (string fin, HttpRequest request) =>
            {
                if (fin != Fin) return notFound;
                await _together.ArriveAsync();
                string? from = request.Query["from"], to = request.Query["to"];
                Period = (from, to);
                if (!Month(from, out var first) || !Month(to, out var last) || first > last || first.AddMonths(36) <= last)
                {
                    return RegistryStub.Json("""{ "error_code": "INVALID_PERIOD", "error_message": "from and to are required months." }""", 400);
                }
                return RegistryStub.Json(statement);
            });
            app.MapFallback(() => RegistryStub.Json("""{ "error_code": "NO_SUCH_ENDPOINT", "error_message": "No such endpoint." }""", 404));
        });

        private static bool Month(string? text, out DateOnly month) =>
            DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
    }
}
