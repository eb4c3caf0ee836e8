using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Adapters.Common;

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

// Strict reading: a field the DTO expects but the agency does not send is a malformed answer, not a silent null or zero.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ContractPageDto))]
public sealed partial class LabourContractsJsonContext : JsonSerializerContext;
