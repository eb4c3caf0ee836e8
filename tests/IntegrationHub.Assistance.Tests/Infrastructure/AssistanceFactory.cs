using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Messaging;
using MassTransit;

namespace IntegrationHub.Assistance.Tests.Infrastructure;

/// <summary>
/// The whole binary in one process (hub + assistance, in-memory bus; <see cref="HostFactory"/>: a mock country, a data
/// directory and a log of its own, the tests' clock unless <paramref name="time"/> is given) and a real SMTP server on
/// loopback.
/// </summary>
public sealed class AssistanceFactory(IDictionary<string, string?>? settings = null, int households = 300, TimeProvider? time = null)
    : HostFactory(settings, households, time, dataDirectory: null, environment: "Testing")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public LoopbackSmtpServer Smtp { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _applicants = new(StringComparer.Ordinal);

    /// <summary>
    /// The unhurried agency budgets (<see cref="AgencyBudgets"/>): no test here is about agencies' time, and they run beside
    /// the several-instances proof's six processes (at the test-sized 800 ms attempts a pre-fill got only partial profiles
    /// five times running). The bus waits longer than the hub's deadline, as start-up insists.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> SuiteSettings => new Dictionary<string, string?>(AgencyBudgets.Unhurried())
    {
        ["Messaging:RequestTimeout"] = "00:00:20",
        ["Assistance:PollInterval"] = "00:00:00.200",
        ["Assistance:RetryInterval"] = "00:00:00.500",
        ["Assistance:Caseworkers:CorrectionRetryInterval"] = "00:00:00.200",
        ["Assistance:Notifications:Smtp:Host"] = "127.0.0.1",
        ["Assistance:Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Assistance:Notifications:Smtp:Security"] = "None",
    };

    /// <summary>The hub's view of a citizen's household, asked over the bus as the subsystem asks it.</summary>
    public async Task<HouseholdProfile> ProfileAsync(string fin)
    {
        await using var scope = Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();
        var response = await client.GetResponse<HouseholdProfileResult>(
            new GetHouseholdProfile(Guid.NewGuid(), fin, null, "targeted-social-assistance", "PREFILL", "assistance"), TestContext.Current.CancellationToken);
        return response.Message.Profile;
    }

    /// <summary>
    /// The declaration a citizen would send after the portal pre-filled it from the registries: the household the
    /// hub proposes, each member's income as the agencies report it.
    /// </summary>
    public async Task<object> PrefilledApplicationAsync(string fin, object channel, Func<HouseholdProfile, IEnumerable<MemberProfile>>? members = null)
    {
        // A portal pre-fills from a whole profile: on a busy machine an agency can miss the deadline, so ask again.
        var profile = await ProfileAsync(fin);
        for (var attempt = 1; attempt < 5 && !profile.Complete; attempt++) profile = await ProfileAsync(fin);
        Assert.True(profile.Complete, "the hub gave only partial profiles for the pre-fill");
        var declared = (members?.Invoke(profile) ?? profile.Members).Where(m => m.Relation != RelationToApplicant.Applicant).ToList();
        var person = Country.Population.ByFin[fin];
        return new
        {
            applicant = fin,
            idCardNumber = person.IdCardNumber,
            members = declared.Select(m => new { fin = m.Fin.Value, relation = m.Relation.ToString() }).ToList(),
            incomes = profile.Summary.MonthlyIncome
                .Where(i => i.Fin.Value == fin || declared.Any(m => m.Fin == i.Fin))
                .SelectMany(i => i.BySource.Select(s => new { fin = i.Fin.Value, source = s.Key, monthlyAmount = s.Value }))
                .ToList(),
            channel,
            consent = true,
        };
    }

    /// <summary>Submits as the applicant (with their own token) and returns the application number.</summary>
    public async Task<string> SubmitAsync(object application, string? idempotencyKey = null)
    {
        var applicant = JsonSerializer.SerializeToElement(application).GetProperty("applicant").GetString()!;
        using var client = CitizenClient(applicant);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/applications") { Content = JsonContent.Create(application) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var accepted = await response.Content.ReadFromJsonAsync<AcceptedBody>(Json, TestContext.Current.CancellationToken);
        _applicants[accepted!.ApplicationNumber] = applicant;
        return accepted.ApplicationNumber;
    }

    /// <summary>The applicant of an application submitted through <see cref="SubmitAsync"/>.</summary>
    public string ApplicantOf(string number) => _applicants[number];

    /// <summary>Polls the applicant's status (with their token) until the application is decided (real time: the hub and agencies run for real).</summary>
    public Task<StatusBody> WaitForDecisionAsync(string number, TimeSpan? timeout = null) => WaitForStatusAsync(number, s => s.Decision is not null, timeout);

    /// <summary>Polls the applicant's status (with their token) until <paramref name="done"/> holds or <paramref name="timeout"/> passes; returns the last status read.</summary>
    public async Task<StatusBody> WaitForStatusAsync(string number, Func<StatusBody, bool> done, TimeSpan? timeout = null)
    {
        using var client = CitizenClient(ApplicantOf(number));
        return await Poll.ReadUntilAsync(
            async () => (await client.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{number}", Json, TestContext.Current.CancellationToken))!,
            done, timeout ?? TimeSpan.FromSeconds(30));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed record AcceptedBody(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, bool Created);

public sealed record ReasonBody(int Number, string Code, string TextAz, string TextEn);

public sealed record DecisionBody(string Outcome, string RuleVersion, decimal? MonthlyAmount, DateOnly? PeriodFrom, DateOnly? PeriodTo, IReadOnlyList<ReasonBody> Reasons, string TextAz, string TextEn);

public sealed record StatusBody(string ApplicationNumber, string Status, DateOnly DueDate, int? WorkingDaysLeft, DecisionBody? Decision);
