namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Command: a citizen contested an item an agency gave; the hub files a correction request with that agency (its
/// correction protocol, docs/agencies/README.md) and answers with <see cref="CorrectionFiled"/> (the agency's id and
/// status), or <see cref="CorrectionNotFiled"/> (the agency away, refused, or unknown). The same
/// <see cref="Reference"/> sent again is the same request at the agency.
/// </summary>
/// <param name="Agency">The agency's key in the hub's catalog (the item's provenance).</param>
/// <param name="Fin">Whose data is contested.</param>
/// <param name="DataSet">The data set as the profile names it.</param>
/// <param name="Comment">The citizen's words.</param>
/// <param name="Reference">The module's reference (a contest id).</param>
public sealed record RequestCorrection(Guid RequestId, string RequestingSubsystem, string Agency, string Fin, string DataSet, string Comment, string Reference);

/// <summary>Query: where a correction request stands at <see cref="Agency"/>; answered with <see cref="CorrectionFiled"/> or <see cref="CorrectionNotFiled"/>.</summary>
public sealed record GetCorrectionStatus(Guid RequestId, string RequestingSubsystem, string Agency, string CorrectionId);

/// <param name="Status">The agency's: received, corrected or rejected.</param>
/// <param name="Note">The agency's explanation, once it answered.</param>
public sealed record CorrectionFiled(Guid RequestId, string Agency, string CorrectionId, string Status, string? Note);

/// <param name="Retry">True when asking again later may help (the agency away or slow); false for a refusal (unknown agency, bad request).</param>
public sealed record CorrectionNotFiled(Guid RequestId, string Agency, string Reason, bool Retry);
