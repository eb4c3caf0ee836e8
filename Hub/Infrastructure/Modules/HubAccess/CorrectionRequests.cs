namespace IntegrationHub.Modules.HubAccess;

/// <summary>What the hub said of a correction request: filed (with the agency's status), not filed, or no answer (null both).</summary>
public sealed record CorrectionAnswer(CorrectionFiled? Filed, CorrectionNotFiled? NotFiled);

/// <summary>
/// How a module files a correction request with an agency, and asks where it stands: through the hub over the bus (the
/// hub holds the agencies' clients). No answer is (null, null): ask again later.
/// </summary>
public sealed class CorrectionRequests(IRequestClient<RequestCorrection> file, IRequestClient<GetCorrectionStatus> status, IOptions<HubAccessOptions> options, TimeProvider time)
{
    public Task<CorrectionAnswer> FileAsync(RequestCorrection request, CancellationToken cancellationToken) =>
        AskAsync(file, request, cancellationToken);

    public Task<CorrectionAnswer> StatusAsync(GetCorrectionStatus request, CancellationToken cancellationToken) =>
        AskAsync(status, request, cancellationToken);

    private async Task<CorrectionAnswer> AskAsync<T>(IRequestClient<T> client, T request, CancellationToken cancellationToken) where T : class
    {
        using var budget = new CancellationTokenSource(options.Value.AnswerWithin, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var response = await client.GetResponse<CorrectionFiled, CorrectionNotFiled>(request, linked.Token).Within(linked.Token);
            if (response.Is(out Response<CorrectionFiled>? filed)) return new CorrectionAnswer(filed.Message, null);
            if (response.Is(out Response<CorrectionNotFiled>? not)) return new CorrectionAnswer(null, not.Message);
            return new CorrectionAnswer(null, null);
        }
        catch (Exception e) when (e is RequestTimeoutException or RequestFaultException or OperationCanceledException or MassTransitException && !cancellationToken.IsCancellationRequested)
        {
            return new CorrectionAnswer(null, null);
        }
    }
}
