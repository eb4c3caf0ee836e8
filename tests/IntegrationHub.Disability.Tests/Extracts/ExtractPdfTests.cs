using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Disability.Extracts;
using IntegrationHub.Extracts;
using IntegrationHub.Extracts.Storage;

namespace IntegrationHub.Disability.Tests.Extracts;

public sealed class ExtractPdfTests
{
    private static (CaseDocument Case, IssuedExtract Extract) Sample(bool indefinite)
    {
        var c = new CaseDocument
        {
            ReferralNumber = "F88-12345678",
            Fin = "5ABCD7K",
            Clinic = "Bakı şəhəri 3 saylı poliklinika",
            Diagnoses = ["I63.9", "G35"],
            IssuedOn = new DateOnly(2026, 5, 2),
            Status = CaseStatus.Decided,
            Person = new PersonDocument { GivenName = "Gülşən", Surname = "Əliyeva", Patronymic = "Şahin qızı", BirthDate = new DateOnly(1979, 4, 9), Sex = Sex.Female, IdCardNumber = "AA1234567" },
            Result = new ResultDocument
            {
                Percent = 65,
                Category = DisabilityCategory.From61To80,
                FormerDegree = 2,
                Cause = DisabilityCause.WorkInjury,
                StartDate = new DateOnly(2026, 5, 20),
                NextExam = indefinite ? null : new DateOnly(2027, 5, 20),
                Indefinite = indefinite,
                IndefiniteReason = indefinite ? IndefiniteReasons.Consecutive61To80 : null,
                Recommendations = "Yüngül əmək şəraiti; reabilitasiya kursu ildə iki dəfə; protez ilə təminat.",
            },
        };
        var extract = new IssuedExtract(AuthenticationCode.New(), c.Fin, c.ReferralNumber, new DateTimeOffset(2026, 5, 21, 9, 30, 0, TimeSpan.Zero), c.Fin);
        return (c, extract);
    }

    [Fact]
    public async Task Render_TextIsReadableByPdftotext_IncludingAzerbaijaniLetters()
    {
        var (c, extract) = Sample(indefinite: false);
        var url = new DisabilityOptions().VerificationUrl(extract.Code);

        var text = await DocumentTools.PdfTextAsync(DisabilityExtract.Render(c, extract, url, new ExamRules()));

        Assert.Contains("Əliyeva Gülşən Şahin qızı", text);
        Assert.Contains("5ABCD7K", text);
        Assert.Contains("65 %", text);
        Assert.Contains("61-80 % (former degree 2)", text);
        Assert.Contains("work injury", text);
        Assert.Contains("20.05.2026", text);
        Assert.Contains("20.05.2027 (next exam)", text);
        Assert.Contains("reabilitasiya kursu", text);
        Assert.Contains(AuthenticationCode.Format(extract.Code), text);
        Assert.Contains(url, text);
    }

    [Fact]
    public async Task Render_Indefinite_SaysSoWithTheReason()
    {
        var (c, extract) = Sample(indefinite: true);

        var text = await DocumentTools.PdfTextAsync(DisabilityExtract.Render(c, extract, "https://e-social.gov.az/x", new ExamRules()));

        Assert.Contains("indefinite (müddətsiz): 10 consecutive years at 61-80 %", text);
    }

    [Fact]
    public async Task Render_QrCodeDecodesToTheVerificationUrl()
    {
        var (c, extract) = Sample(indefinite: false);
        var url = new DisabilityOptions { PublicBaseUrl = "https://e-social.gov.az/tseras" }.VerificationUrl(extract.Code);

        var codes = await DocumentTools.QrCodesAsync(DisabilityExtract.Render(c, extract, url, new ExamRules()));

        Assert.Equal([url], codes);
        Assert.StartsWith("https://e-social.gov.az/tseras/api/v1/disability/verify/", url);
    }
}
