using IntegrationHub.Adapters.LabourContracts;
using IntegrationHub.Adapters.Tax;

namespace IntegrationHub.Adapters.Tests.Tax;

public sealed class TaxServiceAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, TaxServiceAdapter.Key)
{
    [Fact]
    public async Task Fetch_Window_ReturnsIncomeOnlyForTheMonthsAsked()
    {
        // Registered at least 15 months ago, so the business earned in every month of the 12-month window.
        var entrepreneur = Country.Population.People.First(p => p.Business is not null);
        var year = Query;
        var quarter = year with { PeriodFrom = year.PeriodTo.AddDays(1).AddMonths(-3) };

        var yearly = await FetchAsync<TaxIncomeData>(entrepreneur.Fin, year);
        var quarterly = await FetchAsync<TaxIncomeData>(entrepreneur.Fin, quarter);

        Assert.True(yearly.IsEntrepreneur);
        Assert.Equal(entrepreneur.Business!.Voen, Assert.Single(yearly.Registrations).Voen.Value);
        Assert.Equal(MonthsOf(year), yearly.Income.Where(i => i.Kind == IncomeKind.Business).Select(i => i.Month));
        Assert.Equal(MonthsOf(quarter), quarterly.Income.Where(i => i.Kind == IncomeKind.Business).Select(i => i.Month));
        Assert.All(yearly.Income.Where(i => i.Kind == IncomeKind.Business), i => Assert.Equal(entrepreneur.Business.MonthlyIncome, i.Gross));
    }

    [Fact]
    public async Task Fetch_Wages_AgreeWithTheLabourContractRegistry()
    {
        var query = Query;
        var workers = Country.Population.People.Where(p => p.Jobs.Count > 0).Take(40).ToList();
        Assert.Contains(workers, w => w.Jobs.Count > 1);

        foreach (var worker in workers)
        {
            var tax = await FetchAsync<TaxIncomeData>(worker.Fin);
            var employment = Assert.IsType<EmploymentData>(await Services.Adapter(LabourContractsAdapter.Key).FetchAsync(Fin.Parse(worker.Fin), query, TestContext.Current.CancellationToken));

            // Each contract month inside the window is one WAGE line from that employer for that wage, and nothing else is.
            var expected = employment.Contracts
                .SelectMany(c => MonthsOf(query)
                    .Where(m => c.StartDate < m.AddMonths(1) && (c.EndDate is null || c.EndDate >= m))
                    .Select(m => (m, c.EmployerVoen.Value, c.MonthlyWage, Math.Round(c.MonthlyWage * 0.14m, 2))))
                .Order();
            var wages = tax.Income.Where(i => i.Kind == IncomeKind.Wage).Select(i => (i.Month, i.PayerVoen!.Value, i.Gross, i.TaxWithheld)).Order();
            Assert.Equal(expected, wages);
        }
    }

    private static List<DateOnly> MonthsOf(AgencyQuery query)
    {
        var months = new List<DateOnly>();
        for (var m = query.PeriodFrom; m <= query.PeriodTo; m = m.AddMonths(1)) months.Add(m);
        return months;
    }
}
