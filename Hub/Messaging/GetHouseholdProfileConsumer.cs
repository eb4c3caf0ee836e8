using IntegrationHub.Contracts.Text;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Profiles;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// Answers <see cref="GetHouseholdProfile"/> with <see cref="HouseholdProfileResult"/> or, for anything the
/// hub will not do (bad identifier, unknown person, not permitted), <see cref="HouseholdProfileRefused"/>:
/// bad input is answered, never retried or dead-lettered. When the audit log cannot be written the consumer
/// throws <see cref="IOException"/>, so the endpoint's retry policy tries again. A reply the broker does not take
/// within <see cref="MessagingOptions.SendTimeout"/> (a send caught by a broker restart) is a
/// <see cref="TimeoutException"/>: the retry sends it again (the profile is not assembled twice, the request id
/// is replayed) instead of the request holding one of the endpoint's slots for ever.
/// </summary>
public sealed class GetHouseholdProfileConsumer(HouseholdProfileService profiles, IOptions<MessagingOptions> options, TimeProvider time)
    : IConsumer<GetHouseholdProfile>
{
    public async Task Consume(ConsumeContext<GetHouseholdProfile> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var request = new ProfileRequest(
            message.Applicant,
            message.DeclaredMembers?.Select(m => new DeclaredMemberRequest(m?.Fin, m?.Relation)).ToList(),
            message.Purpose,
            message.CaseNumber,
            message.Fresh ? true : null);
        // Who asks is logged and audited as given: text that could forge a log line or a record is refused at the door.
        if (Unprintable(message) is { } unprintable)
        {
            await context.RespondAsync(new HouseholdProfileRefused(message.RequestId, RefusalCodes.InvalidCharacters, unprintable.Detail, unprintable.Field))
                .WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
            return;
        }
        var caller = new ProfileCaller(message.RequestingSubsystem ?? "", message.Officer);

        var answer = await profiles.GetAsync(message.RequestId, request, caller, context.CancellationToken);
        var outcome = answer.Outcome;
        if (outcome.Refusal?.Code == RefusalCodes.AuditUnavailable)
        {
            // Not an answer: the endpoint's retry (IOException) tries again, and after it the message faults.
            throw new IOException($"Request {message.RequestId}: the audit log is unavailable; nothing was returned.");
        }
        if (outcome.Refusal is { } refusal)
        {
            await context.RespondAsync(new HouseholdProfileRefused(message.RequestId, refusal.Code, refusal.Detail, refusal.Field))
                .WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
        }
        else
        {
            // Sent as the bytes its audit record hashes (AuditedProfileJson), not serialized a second time.
            AuditedProfileJson.Attach(outcome.Value!, answer.Json);
            await context.RespondAsync(new HouseholdProfileResult(message.RequestId, outcome.Value!))
                .WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
        }
    }

    private static (string Detail, string Field)? Unprintable(GetHouseholdProfile message) =>
        TextInput.CheckLine(message.RequestingSubsystem, "requestingSubsystem") is { } subsystem ? (subsystem, "requestingSubsystem")
        : TextInput.CheckLine(message.Officer, "officer") is { } officer ? (officer, "officer")
        : null;
}
