using Microsoft.Extensions.Logging;

namespace IntegrationHub.Modules.HubAccess;

/// <summary>An officer's look at people's data, as a module describes it (see <see cref="RecordOfficerLook"/>).</summary>
/// <param name="Subsystem">The module (a caller the hub's access policy knows).</param>
/// <param name="Officer">The officer's id (their token's subject).</param>
/// <param name="OfficerRole">Their role (caseworker, commission-member, ...).</param>
/// <param name="Purpose">The purpose the data was obtained for (the module's, in the hub's policy).</param>
/// <param name="CaseNumber">The case looked at.</param>
/// <param name="Applicant">Whose case it is.</param>
/// <param name="Subjects">Everyone whose data is shown.</param>
/// <param name="Seen">What is shown: <c>case-snapshot</c>, <c>decision</c>, <c>contest-document</c>, ...</param>
public sealed record OfficerLook(string Subsystem, string Officer, string OfficerRole, string Purpose, string CaseNumber, string Applicant, IReadOnlyList<string> Subjects, string Seen);

/// <summary>Whether the look is in the hub's audit: only then may the module show the data.</summary>
/// <param name="Refusal">The hub refused the record as given (a programming error of the module, not the officer's).</param>
public sealed record OfficerLookAnswer(bool Recorded, string? Refusal = null);

/// <summary>
/// The one way a module has an officer's look at a citizen's data recorded in the hub's audit before showing it: a
/// request over the bus (so it works the same in one process and with the modules on RabbitMQ), answered once the hub's
/// record is durable. No answer, or a refusal, and the module shows nothing (503 <c>audit-unavailable</c>). The citizen
/// sees each look in their "who looked" view with the officer's role (docs/trust.md).
/// </summary>
public sealed partial class OfficerLookAudit(IRequestClient<RecordOfficerLook> client, IOptions<HubAccessOptions> options, TimeProvider time, ILogger<OfficerLookAudit> logger)
{
    public async Task<OfficerLookAnswer> RecordAsync(OfficerLook look, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(look);
        var request = new RecordOfficerLook(Guid.CreateVersion7(time.GetUtcNow()), look.Subsystem, look.Officer, look.OfficerRole, look.Purpose,
            look.CaseNumber, look.Applicant, look.Subjects, look.Seen);
        using var budget = new CancellationTokenSource(options.Value.AnswerWithin, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var response = await client.GetResponse<OfficerLookRecorded, OfficerLookRefused>(request, linked.Token).Within(linked.Token);
            if (response.Is(out Response<OfficerLookRecorded>? _)) return new OfficerLookAnswer(true);
            if (response.Is(out Response<OfficerLookRefused>? refused))
            {
                LogRefused(logger, request.RequestId, refused.Message.Reason, refused.Message.Field);
                return new OfficerLookAnswer(false, refused.Message.Reason);
            }
            return new OfficerLookAnswer(false, "unknown-answer");
        }
        catch (Exception e) when (e is RequestTimeoutException or RequestFaultException or OperationCanceledException or MassTransitException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, request.RequestId, e.GetType().Name);
            return new OfficerLookAnswer(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Officer look {RequestId} refused by the hub: {Reason} ({Field})")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string reason, string? field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Officer look {RequestId} not recorded ({Why}); the data is not shown")]
    private static partial void LogUnavailable(ILogger logger, Guid requestId, string why);
}
