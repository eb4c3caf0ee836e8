using IntegrationHub.Adapters.LabourContracts;

namespace IntegrationHub.Adapters.Tests.LabourContracts;

public sealed class LabourContractsMapperTests
{
    private static LabourContractDto Contract(string status = "ACTIVE", string voen = "1400057421", DateOnly? end = null) => new(
        "EM-000123456", new EmployerDto(voen, "Azərsu ASC"), "mühasib", 650m, new DateOnly(2022, 9, 1), status, end);

    [Fact]
    public void ToContract_ActiveContract_MapsEveryField()
    {
        var contract = LabourContractsMapper.ToContract(Contract());

        Assert.Equal("EM-000123456", contract.ContractNumber);
        Assert.Equal("1400057421", contract.EmployerVoen.Value);
        Assert.Equal("Azərsu ASC", contract.EmployerName);
        Assert.Equal("mühasib", contract.Position);
        Assert.Equal(650m, contract.MonthlyWage);
        Assert.Equal(new DateOnly(2022, 9, 1), contract.StartDate);
        Assert.Null(contract.EndDate);
        Assert.True(contract.Active);
    }

    [Fact]
    public void ToContract_TerminatedContract_IsInactiveWithEndDate()
    {
        var contract = LabourContractsMapper.ToContract(Contract("TERMINATED", end: new DateOnly(2025, 4, 30)));

        Assert.False(contract.Active);
        Assert.Equal(new DateOnly(2025, 4, 30), contract.EndDate);
    }

    [Fact]
    public void ToContract_SuspendedContract_CountsAsActive() =>
        Assert.True(LabourContractsMapper.ToContract(Contract("SUSPENDED")).Active);

    [Fact]
    public void ToContract_UnknownStatus_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => LabourContractsMapper.ToContract(Contract("PROBATION")));
        Assert.Contains("'PROBATION'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToContract_EmployerVoenNotAVoen_IsRejected() =>
        Assert.Throws<FormatException>(() => LabourContractsMapper.ToContract(Contract(voen: "1400057420")));

    [Fact]
    public void ToEmployment_OnePastOneCurrentContract_IsCurrentlyEmployed()
    {
        var data = LabourContractsMapper.ToEmployment([Contract("TERMINATED", end: new DateOnly(2025, 4, 30)), Contract()]);

        Assert.Equal(2, data.Contracts.Count);
        Assert.True(data.CurrentlyEmployed);
    }

    [Fact]
    public void ToEmployment_OnlyPastContracts_IsNotCurrentlyEmployed() =>
        Assert.False(LabourContractsMapper.ToEmployment([Contract("TERMINATED", end: new DateOnly(2025, 4, 30))]).CurrentlyEmployed);
}
