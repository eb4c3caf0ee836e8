using System.Reflection;
using System.Text.Json.Nodes;
using IntegrationHub.Hub.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// How callers authenticate, as the OpenAPI document states it: one security scheme per authentication scheme
/// the host accepts. The extension point for another way in (a bearer JWT beside the API key): add its scheme to
/// <see cref="Schemes"/>, and name it on the endpoints that take it, either in their authorization policy
/// (<c>p.AddAuthenticationSchemes("Bearer")</c>) or with <see cref="OpenApiDocumentation.WithSecuritySchemes{TBuilder}"/>.
/// A protected endpoint that names none is documented with <see cref="DefaultSchemes"/>.
/// </summary>
public sealed class ApiSecurityDocumentation
{
    /// <summary>By authentication scheme name.</summary>
    public Dictionary<string, OpenApiSecurityScheme> Schemes { get; } = new(StringComparer.Ordinal);

    public List<string> DefaultSchemes { get; } = [];
}

/// <summary>Endpoint metadata: the authentication schemes an endpoint accepts, any one of them.</summary>
public sealed record SecuritySchemesMetadata(IReadOnlyList<string> Schemes);

/// <summary>
/// Makes the OpenAPI document (<c>/openapi/v1.json</c>) say what the API does: every operation with its security,
/// the problems authentication and body reading can give (401, 403, 400 <c>malformed-json</c>, 415), problems with
/// their <c>code</c> and <c>field</c>, properties that may be absent not marked required, one schema per type
/// (two enums named alike are two schemas), enums as their names, and a server address without a trailing slash.
/// The API tests hold every operation to it (tests/IntegrationHub.Hub.Tests/Api/OpenApiContractTests.cs).
/// </summary>
public static class OpenApiDocumentation
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Profiles"] = "Household profiles assembled from every agency registry, for ministry subsystems.",
        ["Audit"] = "The hash-chained audit log: the auditor's search and chain verification, the citizen's view of who received their data.",
        ["Assistance"] = "Targeted social assistance (VEMTAS): applications (the citizen's own, or at a post office with staff), the caseworker's queues and decisions, usage.",
        ["Disability"] = "Disability assessment (TSERAS): referrals, results, extracts and their verification, the anonymous last-exam lookup.",
        ["Contact centre"] = "The 142 contact centre: calls registered by the telephony system and routed to their department, the operators' work on them, the supervisors' live monitor and statistics.",
        ["Operations"] = "State of the agencies and e-service statistics, for operators and dashboards.",
        ["Mock country"] = "The synthetic population, the mock agencies' fault switchboard and life events (default mode, for testers).",
        ["Life events"] = "Agencies' signed change events (births, deaths, moves, marriages, contracts, assessments, pensions), the inbox and its dead letters.",
    };

    /// <summary>The ApiKey scheme, and the document's transformers.</summary>
    public static IServiceCollection AddHubOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<ApiSecurityDocumentation>(d =>
        {
            d.Schemes[CallerSchemes.ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "A system's key (subsystems, auditors, organisations, the call centre and its telephony system, testers); the hub keeps only its SHA-256.",
            };
            d.Schemes[CallerSchemes.PersonToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A person's token (citizen, caseworker, commission member, clinic doctor, contact-centre operator or supervisor, post-office staff) from the issuer of Trust:Tokens, the national single sign-on; in development `dotnet run --project Hub -- token ...` mints one.",
            };
            d.Schemes[LifeEventsApi.SignatureScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Engine.LifeEvents.LifeEventIntake.SignatureHeader,
                Description = "An agency's ECDSA P-256 signature (P1363, base64) over the body exactly as sent, with the key named in X-Agency-Key (docs/life-events.md). No API key: the signature is the credential.",
            };
            // Systems' keys are the host's default scheme: an endpoint that names none takes a key.
            d.DefaultSchemes.Add(CallerSchemes.ApiKey);
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddRequestExamples();
            o.CreateSchemaReferenceId = SchemaId;
            o.AddSchemaTransformer(EnumNamesAsync);
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddDocumentTransformer(DescribeDocumentAsync);
        });
        return services;
    }

    /// <summary>Names the authentication schemes this endpoint accepts (any one of them), for the document.</summary>
    public static TBuilder WithSecuritySchemes<TBuilder>(this TBuilder builder, params string[] schemes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new SecuritySchemesMetadata(schemes));
    }

    /// <summary>
    /// A type's schema name; a type whose name another API type also has (the assistance and the disability
    /// module's CaseStatus) is prefixed with its module, unless it is the canonical model's (Contracts).
    /// </summary>
    private static string? SchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        var type = info.Type;
        if (id is null || type.IsGenericType || type.Namespace is not { } ns || !ns.StartsWith("IntegrationHub.", StringComparison.Ordinal)) return id;
        if (ns.StartsWith("IntegrationHub.Contracts", StringComparison.Ordinal) || !AmbiguousNames.Value.Contains(type.Name)) return id;
        return ns.Split('.')[1] + id;
    }

    private static readonly Lazy<HashSet<string>> AmbiguousNames = new(() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("IntegrationHub.", StringComparison.Ordinal) == true && !a.IsDynamic)
            .SelectMany(ExportedTypes)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Select(t => t.FullName).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal));

    private static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>Enums are read and written by name (StrictJson's converter, which the schema exporter cannot see into).</summary>
    private static Task EnumNamesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum) return Task.CompletedTask;
        var nullable = type != context.JsonTypeInfo.Type;
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n))];
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var security = context.ApplicationServices.GetRequiredService<IOptions<ApiSecurityDocumentation>>().Value;
        operation.Responses ??= [];

        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var declared = metadata.OfType<SecuritySchemesMetadata>().LastOrDefault();
        if (anonymous && declared is not null)
        {
            // Open at the door, but the endpoint checks a credential of its own (the agencies' signature); it states its 401 and 403.
            operation.Security = [.. declared.Schemes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, context.Document)] = [] })];
        }
        else if (anonymous || (policies.Count == 0 && authorize.Count == 0))
        {
            // Stated, not left out: open to anyone.
            operation.Security = [];
        }
        else
        {
            var named = metadata.OfType<SecuritySchemesMetadata>().LastOrDefault()?.Schemes
                ?? policies.SelectMany(p => p.AuthenticationSchemes)
                    .Concat(authorize.SelectMany(a => a.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []))
                    .Distinct(StringComparer.Ordinal).ToList();
            var schemes = named.Count > 0 ? named : security.DefaultSchemes;
            // Alternatives: any one of the schemes lets the caller in.
            operation.Security = [.. schemes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, context.Document)] = [] })];
            AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No credentials (authentication-required), or credentials the hub does not accept (invalid-api-key; invalid-token, token-expired, ...).");
            var roles = policies.SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).Any() || authorize.Any(a => !string.IsNullOrEmpty(a.Roles));
            if (roles) AddProblem(operation, context, StatusCodes.Status403Forbidden, "The caller is known but lacks the role this operation needs (forbidden), or asks about what is not theirs (not-your-data).");
        }

        if (operation.RequestBody?.Content is { } content && content.Keys.Any(k => k.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            AddProblem(operation, context, StatusCodes.Status400BadRequest, "The request is not valid: the body is not JSON of this operation's shape (malformed-json), or a field is wrong (see code and field).");
            AddProblem(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json (unsupported-media-type), or names a charset other than UTF-8 (unsupported-charset).");
        }
        foreach (var media in operation.Responses.Values.SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>()))
        {
            // A file (the extract's PDF) is its bytes, not base64 text.
            if (media.Key == "application/pdf") media.Value.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }
        if (operation.Responses.TryGetValue("429", out var limited) && limited is OpenApiResponse tooMany)
        {
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds until a lookup may be tried again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing))
        {
            if (existing is not OpenApiResponse declared) return;
            // Declared by the endpoint: a bare reason phrase is replaced by what the status means here, and a problem
            // is added beside the endpoint's own content (the call centre's sentences) since the door gives one too.
            if (string.IsNullOrEmpty(declared.Description) || declared.Description == ReasonPhrase(status)) declared.Description = description;
            declared.Content ??= new Dictionary<string, OpenApiMediaType>();
            declared.Content.TryAdd(ProblemContentType, new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) });
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var security = context.ApplicationServices.GetRequiredService<IOptions<ApiSecurityDocumentation>>().Value;
        document.Info.Description = "The interagency data-integration hub: household profiles from every agency registry, the audit log, and the targeted social assistance and disability modules. Errors are RFC 9457 problem details with a stable code (docs/problems.md).";
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url) server.Url = url.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        foreach (var (name, scheme) in security.Schemes) document.Components.SecuritySchemes[name] = scheme;

        var used = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) }));

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = Problem();
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>()) OptionalWhenNullable(schema);
        return Task.CompletedTask;
    }

    /// <summary>The one error shape (Hub/Infrastructure/Web/Http/ProblemResults.cs).</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Clients branch on code (docs/problems.md), never on detail.",
        Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "detail", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "https://integrationhub.local/problems/{code}" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For people; may change." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable: what is wrong (docs/problems.md)." },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field at fault, when one is (declaredMembers[1].fin)." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    /// <summary>
    /// A property that may be null is left out of the JSON when it is (HubExtensions: WhenWritingNull), so it is
    /// never required; in a request it may be left out too (the endpoint names it if it was needed).
    /// </summary>
    private static void OptionalWhenNullable(OpenApiSchema schema)
    {
        if (schema.Properties is null || schema.Required is null) return;
        foreach (var (name, property) in schema.Properties)
        {
            if (IsNullable(property)) schema.Required.Remove(name);
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s is not OpenApiSchemaReference && s.Type == JsonSchemaType.Null);
}
