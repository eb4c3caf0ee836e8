using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;

namespace IntegrationHub.Hub.Api;

/// <summary>An example request body for an endpoint's OpenAPI description (shown by Scalar, "try it" prefilled).</summary>
public sealed record RequestExample(string Json);

/// <summary>Copies <see cref="RequestExample"/> metadata into the OpenAPI document.</summary>
public static class OpenApiExamples
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string json) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new RequestExample(json));
    }

    public static OpenApiOptions AddRequestExamples(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddOperationTransformer((operation, context, _) =>
        {
            var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().FirstOrDefault();
            if (example is not null && operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values) media.Example = JsonNode.Parse(example.Json);
            }
            return Task.CompletedTask;
        });
    }
}
