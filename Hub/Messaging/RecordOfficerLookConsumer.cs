using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Hub.Engine.Access;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Profiles;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// Records an officer's look at people's data in the audit log (<see cref="RecordOfficerLook"/>), for every module the
/// same way: the record is durable before <see cref="OfficerLookRecorded"/> goes back, and the module shows the data
/// only then. Bad input (a FIN, a role that is not an officer's, a subsystem or purpose the access policy does not know)
/// is answered with <see cref="OfficerLookRefused"/>; an audit that cannot be written throws, so the endpoint's retry
/// tries again and the module, without an answer, shows nothing.
/// </summary>
public sealed class RecordOfficerLookConsumer(ProfileAudit audit, AccessPolicy policy, IOptions<MessagingOptions> options, TimeProvider time)
    : IConsumer<RecordOfficerLook>
{
    public async Task Consume(ConsumeContext<RecordOfficerLook> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (Refuse(message) is { } refusal)
        {
            await context.RespondAsync(refusal).WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
            return;
        }
        var record = await audit.TryAppendAsync(OfficerLooks.Describe(message), context.CancellationToken)
            ?? throw new IOException($"Officer look {message.RequestId}: the audit log is unavailable; nothing may be shown.");
        await context.RespondAsync(new OfficerLookRecorded(message.RequestId, record.Id)).WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
    }

    private OfficerLookRefused? Refuse(RecordOfficerLook m)
    {
        OfficerLookRefused No(string code, string detail, string field) => new(m.RequestId, code, detail, field);
        if (m.RequestId == Guid.Empty) return No(RefusalCodes.MissingRequestId, "requestId must not be all zeros.", "requestId");
        foreach (var (text, field) in new[] { (m.RequestingSubsystem, "requestingSubsystem"), (m.Officer, "officer"), (m.OfficerRole, "officerRole"), (m.Purpose, "purpose"), (m.CaseNumber, "caseNumber"), (m.Seen, "seen") })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return No(RefusalCodes.InvalidCharacters, $"{field} must be 1-64 characters.", field);
            if (TextInput.CheckLine(text, field) is { } bad) return No(RefusalCodes.InvalidCharacters, bad, field);
        }
        if (m.OfficerRole == CallerRoles.Citizen || !CallerRoles.PersonRoles.Contains(m.OfficerRole))
        {
            return No(OfficerLooks.InvalidOfficerRole, $"officerRole must be an officer's role ({string.Join(", ", CallerRoles.PersonRoles.Where(r => r != CallerRoles.Citizen))}).", "officerRole");
        }
        if (policy.Decide(m.RequestingSubsystem, m.Purpose).Refusal is { } denied) return No(denied.Code, denied.Detail, denied.Field ?? "purpose");
        if (!Fin.TryParse(m.Applicant, out _, out var error)) return No(RefusalCodes.InvalidFin, "applicant: " + error, "applicant");
        if (m.Subjects is null || m.Subjects.Count is 0 or > 50) return No(RefusalCodes.TooManyMembers, "subjects: 1-50 FINs.", "subjects");
        foreach (var subject in m.Subjects)
        {
            if (!Fin.TryParse(subject, out _, out var bad)) return No(RefusalCodes.InvalidFin, "subjects: " + bad, "subjects");
        }
        return null;
    }
}

/// <summary>
/// How an officer's look reads in the audit log: purpose <see cref="AuditPurpose"/>, the subsystem as caller, the officer,
/// the case, the people shown as subjects, and one entry in the agencies list naming the officer's role (as the "agency"
/// that looked) and what was shown (as the "data set"). The citizen's view (GET /api/v1/audit/citizens/{fin}/accesses)
/// lists it as <c>officer-look</c> with the role.
/// </summary>
public static class OfficerLooks
{
    public const string AuditPurpose = "officer-look";

    public const string InvalidOfficerRole = "invalid-officer-role";

    public static AuditEntry Describe(RecordOfficerLook m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var subjects = m.Subjects.Select(s => Fin.Parse(s).Value).Distinct(StringComparer.Ordinal).ToList();
        return new AuditEntry(
            m.RequestId,
            m.RequestingSubsystem,
            m.Officer,
            AuditPurpose,
            m.CaseNumber,
            Fin.Parse(m.Applicant).Value,
            subjects,
            AuditRecord.Ok,
            [new AgencyAccess { Agency = m.OfficerRole, DataSet = m.Seen, Asked = subjects.Count, Ok = subjects.Count }],
            ProfileId: null,
            ProfileHash: null);
    }
}

/// <summary>Its own endpoint (<c>record-officer-look</c>): an audit write that failed is tried again, as for profiles.</summary>
public sealed class RecordOfficerLookConsumerDefinition : ConsumerDefinition<RecordOfficerLookConsumer>
{
    private readonly MessagingOptions _options;

    public RecordOfficerLookConsumerDefinition(IOptions<MessagingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = "record-officer-look";
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RecordOfficerLookConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        TransientRetry.Apply(endpointConfigurator, _options.TransientRetries);
    }
}
