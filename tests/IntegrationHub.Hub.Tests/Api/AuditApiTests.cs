using System.Globalization;
using System.Security.Cryptography;
using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Tests.Engine.Audit.Segments;
using MassTransit;
using IntegrationHub.Web.Http;

namespace IntegrationHub.Hub.Tests.Api;

public sealed class AuditApiTests : IAsyncLifetime
{
    private readonly HubFactory _hub = new(households: 120);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Sample(string kind) => _hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private Task<HttpResponseMessage> PostAsync(string caller, string applicant, string purpose, string caseNumber, object[]? declaredMembers = null) =>
        _hub.CreateClient(caller).PostAsJsonAsync("/api/v1/profiles", new { applicant, declaredMembers, purpose, caseNumber }, Token);

    private async Task<T> GetAsync<T>(string caller, string path)
    {
        var response = await _hub.CreateClient(caller).GetAsync(path, Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(HubFactory.Json, Token))!;
    }

    private Task<CitizenAccesses> AccessesAsync(string fin) =>
        _hub.PersonClient(People.Citizen(fin)).GetFromJsonAsync<CitizenAccesses>($"/api/v1/audit/citizens/{fin}/accesses", HubFactory.Json, Token)!;

    [Fact]
    public async Task Profile_ItsAuditRecordHoldsTheHashOfExactlyTheBytesReturned()
    {
        var applicant = Sample("large-family");

        var response = await PostAsync("assistance", applicant, "targeted-social-assistance", "VEM-1");

        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        var profile = await HubFactory.ReadProfileAsync(response);
        var page = await GetAsync<AuditPage>("auditor", $"/api/v1/audit/records?subject={applicant}");
        var record = Assert.Single(page.Items);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), record.ProfileHash);
        Assert.Equal(profile.ProfileId, record.ProfileId);
        Assert.Equal(profile.Members.Select(m => m.Fin.Value).Order(), record.Subjects.Order());
        Assert.Equal(applicant, record.Applicant);
        Assert.Equal(("assistance", "targeted-social-assistance", "VEM-1", AuditRecord.Ok), (record.Caller, record.Purpose, record.CaseNumber, record.Outcome));
        Assert.Equal(profile.Sources.Select(s => (s.Agency, s.Asked, s.Ok)), record.Agencies.Select(a => (a.Agency, a.Asked, a.Ok)));
    }

    [Fact]
    public async Task Views_NeedTheirOwnRoles()
    {
        var anonymous = _hub.CreateClient();
        var citizen = _hub.PersonClient(People.Citizen("WDT8LT0"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/verify", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.CreateClient("assistance").GetAsync("/api/v1/audit/verify", Token)).StatusCode);
        // A person's token is no system's credential, and a system's key no person's.
        Assert.Equal(HttpStatusCode.Unauthorized, (await citizen.GetAsync("/api/v1/audit/records", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _hub.CreateClient("auditor").GetAsync("/api/v1/audit/citizens/WDT8LT0/accesses", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/citizens/WDT8LT0/accesses", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _hub.CreateClient("auditor").GetAsync("/api/v1/audit/verify", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/api/v1/audit/citizens/WDT8LT0/accesses", Token)).StatusCode);
        // Someone else's accesses: refused before anything is looked up.
        var other = await citizen.GetAsync("/api/v1/audit/citizens/3ABVK9J/accesses", Token);
        Assert.Equal((HttpStatusCode.Forbidden, "not-your-data"), (other.StatusCode, (await Problem.ReadAsync(other)).Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.PersonClient(People.Caseworker()).GetAsync("/api/v1/audit/citizens/WDT8LT0/accesses", Token)).StatusCode);
    }

    [Fact]
    public async Task Views_BadQuery_ProblemWithCode()
    {
        var badFin = await _hub.PersonClient(People.Citizen("WDT8LT0")).GetAsync("/api/v1/audit/citizens/not-a-fin/accesses", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badFin.StatusCode);
        Assert.Equal(RefusalCodes.InvalidFin, (await Problem.ReadAsync(badFin)).Code);

        var badPage = await _hub.CreateClient("auditor").GetAsync("/api/v1/audit/records?pageSize=5000", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        var problem = await Problem.ReadAsync(badPage);
        Assert.Equal(("invalid-page", "pageSize"), (problem.Code, problem.Field));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue / 100)]
    public async Task Records_PageBeyondWhatCanBeCounted_Is400_NotPageOne(int page)
    {
        await PostAsync("assistance", Sample("single"), "targeted-social-assistance", "VEM-OVERFLOW");

        var response = await _hub.CreateClient("auditor").GetAsync($"/api/v1/audit/records?page={page}&pageSize=200", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("invalid-page", "page"), (problem.Code, problem.Field));
    }

    [Fact]
    public async Task Records_TheLastPageThatCanBeAskedFor_IsEmpty()
    {
        await PostAsync("assistance", Sample("single"), "targeted-social-assistance", "VEM-LAST");

        var page = await GetAsync<AuditPage>("auditor", $"/api/v1/audit/records?page={Paging.MaxPage(AuditApi.MaxPageSize)}&pageSize={AuditApi.MaxPageSize}");

        Assert.Empty(page.Items);
        Assert.Equal(Paging.MaxPage(AuditApi.MaxPageSize), page.Page);
    }

    [Fact]
    public async Task CitizenView_ListsExactlyTheAccessesToThatPerson_AndHidesOtherPeople()
    {
        var family = _hub.Country.Population.ByFin[Sample("large-family")];
        var applicant = family.Fin;
        var member = family.Household.Members.First(m => m.Fin != applicant && m.DateOfDeath is null).Fin;
        var stranger = Sample("well-off");
        // Declared households, so who is in each profile does not depend on registries answering in time.
        object[] household = [new { fin = member, relation = "Other" }];
        (await PostAsync("assistance", applicant, "targeted-social-assistance", "VEM-1", household)).EnsureSuccessStatusCode();
        // Sees the applicant alone: the member's data is not returned, so the member is not told of it.
        (await PostAsync("disability", applicant, "disability-assessment", "TS-2")).EnsureSuccessStatusCode();
        (await PostAsync("assistance", stranger, "targeted-social-assistance", "VEM-3")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("assistance", applicant, "disability-assessment", "VEM-4")).StatusCode);
        (await PostAsync("assistance", member, "targeted-social-assistance", "VEM-5", [])).EnsureSuccessStatusCode();

        var own = await AccessesAsync(applicant);
        var theMember = await AccessesAsync(member);
        var theStranger = await AccessesAsync(stranger);

        // VEM-5 left the applicant out of its declaration, so the registries were asked whether he counts: an access to him too.
        Assert.Equal(
            [("assistance", "targeted-social-assistance", null, "household-member"), ("disability", "disability-assessment", "TS-2", "applicant"), ("assistance", "targeted-social-assistance", (string?)"VEM-1", "applicant")],
            own.Accesses.Select(a => (a.Subsystem, a.Purpose, a.CaseNumber, a.As)));
        Assert.Equal(
            [("assistance", "targeted-social-assistance", (string?)"VEM-5", "applicant"), ("assistance", "targeted-social-assistance", null, "household-member")],
            theMember.Accesses.Select(a => (a.Subsystem, a.Purpose, a.CaseNumber, a.As)));
        Assert.Equal([("VEM-3", "applicant")], theStranger.Accesses.Select(a => (a.CaseNumber, a.As)));
        var raw = await _hub.PersonClient(People.Citizen(member)).GetStringAsync($"/api/v1/audit/citizens/{member}/accesses", Token);
        Assert.DoesNotContain(applicant, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("VEM-1", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditUnavailable_Http503_AndNothingReturned()
    {
        (await PostAsync("assistance", Sample("well-off"), "targeted-social-assistance", "VEM-1")).EnsureSuccessStatusCode();
        _hub.Services.GetRequiredService<IAuditStore>().Dispose();

        var response = await PostAsync("assistance", Sample("low-income-family"), "targeted-social-assistance", "VEM-2");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(RefusalCodes.AuditUnavailable, (await Problem.ReadAsync(response)).Code);
    }

    /// <summary>
    /// The requester gets the fault, whatever the retries: with none (<c>Messaging:TransientRetries=0</c>) MassTransit's
    /// retry policy swallowed it once, and every request the audit refused waited its whole timeout (set to 5 minutes here,
    /// past the test's own limit for the answer).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AuditUnavailable_OverTheBus_FaultsAfterRetriesInsteadOfAnswering(int retries)
    {
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Messaging:TransientRetries"] = retries.ToString(CultureInfo.InvariantCulture),
            ["Messaging:RequestTimeout"] = "00:05:00",
        }, households: 40);
        await using var scope = hub.Services.CreateAsyncScope();
        var profiles = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();
        var looks = scope.ServiceProvider.GetRequiredService<IRequestClient<RecordOfficerLook>>();
        var applicant = hub.Country.Population.Samples()[0].Fin;
        var look = new RecordOfficerLook(Guid.NewGuid(), "assistance", "cw-1", "caseworker", "targeted-social-assistance", "VEM-1", applicant, [applicant], "case-snapshot");
        // Recorded while the audit is there; refused once it is gone.
        await looks.GetResponse<OfficerLookRecorded, OfficerLookRefused>(look, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        hub.Services.GetRequiredService<IAuditStore>().Dispose();

        var profileFault = await Assert.ThrowsAsync<RequestFaultException>(() => profiles.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "X-1", "assistance"), Token).WaitAsync(TimeSpan.FromSeconds(30), Token));
        var lookFault = await Assert.ThrowsAsync<RequestFaultException>(() => looks.GetResponse<OfficerLookRecorded, OfficerLookRefused>(
            look with { RequestId = Guid.NewGuid() }, Token).WaitAsync(TimeSpan.FromSeconds(30), Token));

        Assert.Contains(profileFault.Fault!.Exceptions, e => e.ExceptionType == typeof(IOException).FullName);
        Assert.Contains(lookFault.Fault!.Exceptions, e => e.ExceptionType == typeof(IOException).FullName);
    }
}

/// <summary>Tampering with the file while the hub is stopped: the command and, after a restart, the API name the record.</summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly ScratchDirectory _directory = new("audit-tamper-");

    public void Dispose()
    {
        _directory.Dispose();
    }

    [Fact]
    public async Task OneRecordEditedOnDisk_VerifyCommandAndApiNameIt()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory.Path };
        await using (var hub = new HubFactory(settings, households: 40))
        {
            foreach (var sample in hub.Country.Population.Samples().Take(3))
            {
                (await hub.PostProfileAsync(sample.Fin, caseNumber: "VEM-" + sample.Fin)).EnsureSuccessStatusCode();
            }
        }
        var good = new StringWriter();
        Assert.Equal(0, AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory.Path], good, TestClock.Running()));
        Assert.Contains("3 records verified", good.ToString(), StringComparison.Ordinal);

        SegmentTampering.Edit(_directory.File("audit"), 2, r => r.CaseNumber = "VEM-OTHER");

        var bad = new StringWriter();
        Assert.Equal(1, AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory.Path], bad, TestClock.Running()));
        Assert.Contains("Record 2:", bad.ToString(), StringComparison.Ordinal);
        await using (var hub = new HubFactory(settings, households: 40))
        {
            var response = await hub.CreateClient("auditor").GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify", HubFactory.Json, TestContext.Current.CancellationToken);
            Assert.False(response!.Intact);
            Assert.Equal(2, response.FirstBroken);
            // A search that meets the record is refused with a code naming it, not a 500 and not an answer without it.
            var search = await hub.CreateClient("auditor").GetAsync("/api/v1/audit/records", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Conflict, search.StatusCode);
            var problem = await Problem.ReadAsync(search);
            Assert.Equal("audit-record-altered", problem.Code);
            Assert.StartsWith("Audit record 2:", problem.Detail, StringComparison.Ordinal);
        }
    }
}
