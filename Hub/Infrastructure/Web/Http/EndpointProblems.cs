using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Http;

/// <summary>An endpoint's or a group's problem answers (besides success) for the OpenAPI document, in one call.</summary>
public static class EndpointProblems
{
    /// <summary>Declares a problem details answer (<c>application/problem+json</c>) for each status code.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params ReadOnlySpan<int> statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }

    /// <inheritdoc cref="ProducesProblems(RouteHandlerBuilder, ReadOnlySpan{int})"/>
    public static RouteGroupBuilder ProducesProblems(this RouteGroupBuilder builder, params ReadOnlySpan<int> statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }
}
