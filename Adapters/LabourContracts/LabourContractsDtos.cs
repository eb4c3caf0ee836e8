namespace IntegrationHub.Adapters.LabourContracts;

// Wire shapes of the labour-contract registry, as it publishes them (camelCase, paged).

public sealed record ContractPageDto(IReadOnlyList<LabourContractDto> Items, int Page, int PageSize, int Total) : IAgencyPage<LabourContractDto>;

/// <param name="Status">ACTIVE, SUSPENDED (in force, work paused, e.g. parental leave) or TERMINATED.</param>
public sealed record LabourContractDto(
    string ContractNumber,
    EmployerDto Employer,
    string Position,
    decimal MonthlyWage,
    DateOnly StartDate,
    string Status,
    DateOnly? EndDate = null);

public sealed record EmployerDto(string Voen, string Name);

// Read exactly as docs/agencies/labour-contracts.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ContractPageDto))]
public sealed partial class LabourContractsJsonContext : JsonSerializerContext;
