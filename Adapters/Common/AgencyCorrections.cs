using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// The correction protocol every agency of the catalog answers beside its own API (the ministry's requirement of the
/// registries it reads): a citizen contested an item the agency gave; the agency accepts the request at once and answers
/// later. camelCase JSON; an unknown person is 404.
/// </summary>
public interface IAgencyCorrectionsApi
{
    /// <summary>Files a correction request; 202 with the agency's correction id and <c>received</c>.</summary>
    [Post("/corrections")]
    Task<CorrectionDto> FileAsync([Body] CorrectionRequestDto request, CancellationToken cancellationToken);

    /// <summary>Where a correction request stands: <c>received</c>, then <c>corrected</c> or <c>rejected</c>.</summary>
    [Get("/corrections/{correctionId}")]
    Task<CorrectionDto> GetAsync(string correctionId, CancellationToken cancellationToken);
}

/// <param name="Fin">Whose data is contested.</param>
/// <param name="DataSet">The data set, as the hub names it (vehicles, taxIncome, ...).</param>
/// <param name="Comment">The citizen's words.</param>
/// <param name="Reference">The requester's reference (a contest id), so a request sent again is recognised.</param>
public sealed record CorrectionRequestDto(string Fin, string DataSet, string Comment, string Reference);

/// <param name="Status">received, corrected or rejected.</param>
/// <param name="Note">The agency's explanation, once it answered.</param>
public sealed record CorrectionDto(string CorrectionId, string Status, string? Note = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CorrectionRequestDto))]
[JsonSerializable(typeof(CorrectionDto))]
public sealed partial class AgencyCorrectionsJsonContext : JsonSerializerContext;

/// <summary>The correction client of one agency (keyed by its key), with the agency's base address, credentials and TLS.</summary>
public sealed class AgencyCorrections(IServiceProvider services)
{
    /// <summary>The client for agency <paramref name="key"/>; null when the catalog has no such agency.</summary>
    public IAgencyCorrectionsApi? For(string key) => services.GetKeyedService<IAgencyCorrectionsApi>(key);
}
