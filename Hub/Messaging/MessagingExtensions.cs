using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Profiles;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Modules;
using System.Text.Json;
using MassTransit.Serialization;

namespace IntegrationHub.Hub.Messaging;

/// <summary>MassTransit for this process: the consumers of its modules, the request client, the transport by configuration.</summary>
public static class MessagingExtensions
{
    /// <param name="modules">The modules this process runs: each adds its consumers.</param>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, IReadOnlyList<IHubModule> modules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modules);
        var section = builder.Configuration.GetSection(MessagingOptions.SectionName);
        builder.Services.AddOptions<MessagingOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => o.RabbitMq is not null, "Messaging:RabbitMq must be an object.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        var settings = section.Get<MessagingOptions>() ?? new MessagingOptions();
        // A subsystem's whole wait for a profile: the request timeout, and a little for the send itself.
        builder.Services.Configure<IntegrationHub.Modules.HubAccess.HubAccessOptions>(o => o.AnswerWithin = settings.RequestTimeout + TimeSpan.FromSeconds(5));

        // Messages are read as strictly as HTTP bodies (StrictJson). MassTransit keeps one serializer setting per
        // process; it is set here rather than in a transport's configuration so that every bus of the process,
        // a test harness's included, reads the same way.
        // A profile in a reply is written as its audited JSON (AuditedProfileJson), not serialized again.
        SystemTextJsonMessageSerializer.Options = AuditedProfileJson.Apply(StrictJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options)));

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            foreach (var module in modules) module.AddConsumers(x);
            x.AddRequestClient<GetHouseholdProfile>(RequestTimeout.After(ms: (int)settings.RequestTimeout.TotalMilliseconds));
            x.AddRequestClient<RecordOfficerLook>(RequestTimeout.After(ms: (int)settings.RequestTimeout.TotalMilliseconds));
            x.AddRequestClient<RequestCorrection>(RequestTimeout.After(ms: (int)settings.RequestTimeout.TotalMilliseconds));
            x.AddRequestClient<GetCorrectionStatus>(RequestTimeout.After(ms: (int)settings.RequestTimeout.TotalMilliseconds));

            if (settings.Transport == MessagingTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = context.GetRequiredService<IOptions<MessagingOptions>>().Value.RabbitMq;
                    cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        if (rabbit.UseTls) h.UseSsl(s => s.ServerName = rabbit.TlsServerName ?? rabbit.Host);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        // After the bus, so stopped before it (and after the web server, which ASP.NET Core registers last): the
        // announcements of every answer the web server finished are sent while the bus still runs.
        if (builder.Services.Any(d => d.ServiceType == typeof(ProfileAnnouncer)))
        {
            builder.Services.AddHostedService(sp => new AnnouncementDrain(sp.GetRequiredService<ProfileAnnouncer>()));
        }
        return builder;
    }
}

/// <summary>The request timeout must leave the hub its whole aggregation deadline.</summary>
internal sealed class MessagingOptionsValidator(IOptions<AggregationOptions> aggregation) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var deadline = aggregation.Value.Deadline;
        return options.RequestTimeout > deadline + TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Messaging:RequestTimeout ({options.RequestTimeout}) must be more than Aggregation:Deadline ({deadline}) plus 1 s, or subsystems give up on profiles the hub is still assembling.");
    }
}
