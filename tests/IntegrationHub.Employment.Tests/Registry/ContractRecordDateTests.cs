using IntegrationHub.Employment.Domain;
using IntegrationHub.Employment.Registry;

namespace IntegrationHub.Employment.Tests.Registry;

/// <summary>A contract's state on a day read from its history, at the edges where two notifications fall on the same day.</summary>
public sealed class ContractRecordDateTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    private static ContractRecord Contract(params ContractEntry[] later)
    {
        var record = new ContractRecord { Number = "EM-2026-0000001", StartDate = Start };
        record.History.Add(new ContractEntry
        {
            Kind = NotificationKinds.New, Effective = Start, Position = "mühasib", OccupationCode = "2411", Workplace = "Bakı", WeeklyHours = 40, MonthlyWage = 800,
        });
        record.History.AddRange(later);
        return record;
    }

    private static ContractEntry Suspension(DateOnly from, DateOnly? until = null) => new() { Kind = NotificationKinds.Suspension, Effective = from, Until = until, Reason = "leave" };

    private static ContractEntry Resumption(DateOnly on) => new() { Kind = NotificationKinds.Resumption, Effective = on };

    [Fact]
    public void ResumedTheDayItWasSuspended_IsNotSuspendedThatDayNorAfter()
    {
        var day = Start.AddDays(10);
        var contract = Contract(Suspension(day), Resumption(day));

        Assert.Null(contract.SuspensionOn(day));
        Assert.Null(contract.SuspensionOn(day.AddDays(1)));
        Assert.Null(contract.SuspensionOn(day.AddDays(-1)));
        // Ended: a resumption has nothing more to end, and a new suspension may be notified.
        Assert.Null(contract.OpenSuspension(day));
        Assert.Null(contract.OpenSuspension(day.AddDays(5)));
    }

    [Fact]
    public void ResumedLater_SuspendedUpToTheDayBefore()
    {
        var from = Start.AddDays(10);
        var contract = Contract(Suspension(from), Resumption(from.AddDays(3)));

        Assert.NotNull(contract.SuspensionOn(from));
        Assert.NotNull(contract.SuspensionOn(from.AddDays(2)));
        Assert.Null(contract.SuspensionOn(from.AddDays(3)));
        Assert.Null(contract.OpenSuspension(from.AddDays(3)));
    }

    [Fact]
    public void SuspendedAgainTheDayItWasResumed_IsSuspendedByTheNewOne()
    {
        var day = Start.AddDays(10);
        var second = Suspension(day);
        var contract = Contract(Suspension(Start.AddDays(5)), Resumption(day), second);

        Assert.Same(second, contract.SuspensionOn(day));
        Assert.Same(second, contract.OpenSuspension(day));
    }

    [Fact]
    public void SuspendedFromTheStartDay_IsSuspendedOnIt()
    {
        var contract = Contract(Suspension(Start));

        Assert.NotNull(contract.SuspensionOn(Start));
        Assert.True(contract.InForceOn(Start));
    }

    [Fact]
    public void SuspendedAndTerminatedTheSameDay_InForceThatDayOnly()
    {
        var day = Start.AddDays(10);
        var contract = Contract(Suspension(day), new ContractEntry { Kind = NotificationKinds.Termination, Effective = day, Reason = "agreement" });
        contract.EndDate = day;

        Assert.True(contract.InForceOn(day));
        Assert.False(contract.InForceOn(day.AddDays(1)));
        Assert.False(contract.OpenFrom(day.AddDays(1)));
    }

    [Fact]
    public void ChangedOnTheStartDay_TheChangedTermsHoldFromTheFirstDay()
    {
        var contract = Contract(new ContractEntry { Kind = NotificationKinds.Change, Effective = Start, MonthlyWage = 950 });

        Assert.Equal(950, contract.TermsOn(Start).MonthlyWage);
        Assert.Equal("mühasib", contract.TermsOn(Start).Position);
    }
}
