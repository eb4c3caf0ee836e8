namespace IntegrationHub.Adapters.DisabilityRegistry;

// Wire shapes of TSERAS, as it publishes them (snake_case).

public sealed record AssessmentsDto(string Pin, IReadOnlyList<AssessmentDto> Assessments);

/// <param name="ImpairmentPercent">Loss of body function, 0-100 in steps of 5.</param>
/// <param name="FormerDegree">The pre-2022 disability degree (1-3) the percentage corresponds to; null below 31 % and for children.</param>
/// <param name="CauseCode">E.g. <c>GENERAL_ILLNESS</c>, <c>WORK_INJURY</c>, <c>CHERNOBYL</c>, <c>FROM_CHILDHOOD</c>.</param>
/// <param name="Term"><c>FIXED_TERM</c> (then <paramref name="ValidUntil"/> is set) or <c>INDEFINITE</c>.</param>
/// <param name="IsChild">The person was under 18 on <paramref name="ValidFrom"/> (a child with limited health abilities, not a degree).</param>
public sealed record AssessmentDto(
    string DecisionNumber,
    int ImpairmentPercent,
    int? FormerDegree,
    string CauseCode,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    string Term,
    bool IsChild);

// Read exactly as docs/agencies/disability-registry.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AssessmentsDto))]
public sealed partial class DisabilityRegistryJsonContext : JsonSerializerContext;
