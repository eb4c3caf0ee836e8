using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Access;
using Refit;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// Files a module's correction requests with the owning agency and asks where they stand, through the agency's
/// correction client of the catalog (<see cref="AgencyCorrections"/>): the same address, credentials and TLS as its data
/// API. An agency away or slow is answered "not filed, retry"; a request the agency refuses, "not filed".
/// </summary>
public sealed class CorrectionConsumers(AgencyCorrections corrections, AccessPolicy policy, IOptions<MessagingOptions> options, TimeProvider time)
    : IConsumer<RequestCorrection>, IConsumer<GetCorrectionStatus>
{
    public async Task Consume(ConsumeContext<RequestCorrection> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var answer = await CallAsync(m.RequestId, m.RequestingSubsystem, m.Agency,
            api => api.FileAsync(new CorrectionRequestDto(m.Fin, m.DataSet, m.Comment, m.Reference), context.CancellationToken));
        await context.RespondAsync(answer).WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<GetCorrectionStatus> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var answer = await CallAsync(m.RequestId, m.RequestingSubsystem, m.Agency, api => api.GetAsync(m.CorrectionId, context.CancellationToken));
        await context.RespondAsync(answer).WaitAsync(options.Value.SendTimeout, time, context.CancellationToken);
    }

    private async Task<object> CallAsync(Guid requestId, string subsystem, string agency, Func<IAgencyCorrectionsApi, Task<CorrectionDto>> call)
    {
        if (!policy.IsKnownCaller(subsystem)) return new CorrectionNotFiled(requestId, agency, "unknown-caller", Retry: false);
        if (corrections.For(agency) is not { } api) return new CorrectionNotFiled(requestId, agency, "unknown-agency", Retry: false);
        try
        {
            var filed = await call(api);
            return new CorrectionFiled(requestId, agency, filed.CorrectionId, filed.Status, filed.Note);
        }
        catch (ApiException e) when ((int)e.StatusCode is >= 400 and < 500 and not 408 and not 429)
        {
            return new CorrectionNotFiled(requestId, agency, "refused by the agency: " + (int)e.StatusCode, Retry: false);
        }
#pragma warning disable CA1031 // Any other failure is the agency away or slow: the module asks again later.
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
#pragma warning restore CA1031
        {
            return new CorrectionNotFiled(requestId, agency, "agency unavailable: " + e.GetType().Name, Retry: true);
        }
    }
}
