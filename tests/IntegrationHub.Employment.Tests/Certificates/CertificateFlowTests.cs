using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Certificates;

/// <summary>The workplace certificate: issued to the citizen, read by ordinary tools, verified by an organisation, the verification shown to the citizen.</summary>
public sealed class CertificateFlowTests(EmploymentHost host) : IClassFixture<EmploymentHost>
{
    [Fact]
    public async Task Certificate_StatesTheEmployment_PdfTextAndQrRead_OrganisationVerifies_CitizenSeesWho()
    {
        var person = host.Adult(50);
        var number = await host.RegisterAsync(person.Fin, Today.AddMonths(-4));
        using var portal = host.CitizenClient(person.Fin);

        using var issued = await portal.PostAsJsonAsync($"/api/v1/employment/citizens/{person.Fin}/certificates", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var certificate = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(certificate.GetProperty("employed").GetBoolean());
        var code = certificate.GetProperty("code").GetString()!;
        var pdf = await portal.GetByteArrayAsync(issued.Headers.Location, Ct);

        var text = await DocumentTools.PdfTextAsync(pdf);
        Assert.Contains(code, text);
        Assert.Contains(person.Fin, text);
        Assert.Contains("Nümunə İşəgötürən MMC", text);
        Assert.Contains(number, text);
        Assert.Contains("İşləyir / Employed", text);
        Assert.Contains("Workplace certificate", text);
        var qr = Assert.Single(await DocumentTools.QrCodesAsync(pdf));
        Assert.Equal(certificate.GetProperty("verificationUrl").GetString(), qr);
        Assert.StartsWith(PublicBaseUrl + "/api/v1/employment/verify/", qr);

        using var verified = await host.Client("bank-of-baku").GetAsync(qr[PublicBaseUrl.Length..], Ct);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var statement = await verified.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(statement.GetProperty("employed").GetBoolean());
        Assert.Equal(number, statement.GetProperty("jobs")[0].GetProperty("contractNumber").GetString());

        var who = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/employment/citizens/{person.Fin}/verifications", Ct);
        Assert.Equal("bank-of-baku", Assert.Single(who.EnumerateArray()).GetProperty("organisation").GetString());
        var mine = await host.Client("bank-of-baku").GetFromJsonAsync<JsonElement>("/api/v1/employment/verifications", Ct);
        Assert.Contains(mine.EnumerateArray(), v => v.GetProperty("code").GetString() == code);
        var history = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/employment/citizens/{person.Fin}/certificates", Ct);
        Assert.Equal(1, Assert.Single(history.EnumerateArray()).GetProperty("verifications").GetInt32());
    }

    [Fact]
    public async Task Certificate_NoOpenContract_SaysSo_UnknownCodeAndOtherCitizenRefused()
    {
        var person = host.Adult(51);
        using var portal = host.CitizenClient(person.Fin);
        using var issued = await portal.PostAsJsonAsync($"/api/v1/employment/citizens/{person.Fin}/certificates", new { }, Ct);
        var certificate = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(certificate.GetProperty("employed").GetBoolean());
        var text = await DocumentTools.PdfTextAsync(await portal.GetByteArrayAsync(issued.Headers.Location, Ct));
        Assert.Contains("No open labour contract", text);

        using var unknown = await host.Client("bank-of-baku").GetAsync("/api/v1/employment/verify/22222-22222-22222-22222", Ct);
        Assert.Equal(EmploymentCodes.UnknownCode, (await Problem.ReadAsync(unknown)).Code);
        using var invalid = await host.Client("bank-of-baku").GetAsync("/api/v1/employment/verify/not-a-code", Ct);
        Assert.Equal(EmploymentCodes.InvalidCode, (await Problem.ReadAsync(invalid)).Code);
        using var other = await host.CitizenClient(host.Adult(52).Fin).GetAsync(issued.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var future = await portal.PostAsJsonAsync($"/api/v1/employment/citizens/{person.Fin}/certificates", new { date = Today.AddDays(1).ToString("yyyy-MM-dd") }, Ct);
        Assert.Equal(EmploymentCodes.InvalidDate, (await Problem.ReadAsync(future)).Code);
    }
}
