using IntegrationHub.Assistance.Notifications;
using IntegrationHub.Assistance.Processing;
using IntegrationHub.Assistance.Tests.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Assistance.Tests.Notifications;

/// <summary>The outbox against real receivers: an SMTP server on loopback, files on disk.</summary>
public sealed class OutboxTests : IAsyncDisposable
{
    private readonly ScratchDirectory _directory = new("assistance-outbox-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly LoopbackSmtpServer _smtp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IOptions<AssistanceOptions> Options() => Microsoft.Extensions.Options.Options.Create(new AssistanceOptions
    {
        DataDirectory = _directory.Path,
        Notifications = new NotificationOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = "None" }, RetryInterval = TimeSpan.FromMinutes(1) },
    });

    private OutboxDispatcher Dispatcher(AssistanceStore store, IOptions<AssistanceOptions> options, params INoticeSender[] senders) =>
        new(store, senders, options, _time, new OutboxWakeup(), NullLogger<OutboxDispatcher>.Instance);

    private async Task<string> SubmitAsync(AssistanceStore store, FeedbackChannel channel)
    {
        var declaration = new ProfileBuilder().Applicant(300).Member(RelationToApplicant.Child, age: 4).Declaration() with { Channel = channel };
        var (record, _) = await store.SubmitAsync(declaration, null, _time.GetUtcNow(), new WorkingCalendar(new CalendarOptions()), TimeSpan.FromDays(1), Ct);
        return record.Id;
    }

    [Fact]
    public async Task EmailNotice_ReachesARealSmtpServer_Once_EvenWhenDispatchedAgain()
    {
        var options = Options();
        using var store = new AssistanceStore(Path.Combine(_directory.Path, "assistance.db"));
        var number = await SubmitAsync(store, new FeedbackChannel(ChannelKind.Email, "aysel@example.az"));
        var dispatcher = Dispatcher(store, options, new SmtpNoticeSender(options));

        Assert.Equal(1, await dispatcher.ProcessDueAsync(Ct));
        Assert.Equal(0, await dispatcher.ProcessDueAsync(Ct));

        var mail = Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("aysel@example.az", mail.To.Mailboxes.Single().Address);
        Assert.Contains(number, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("qeydə alındı", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The decision is due by 26.03.2026", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(number + ".registration@vemtas.integrationhub", mail.MessageId);
        Assert.NotNull(Assert.Single(store.Notices(number)).SentAt);
    }

    [Fact]
    public async Task SmtpServerDown_NoticeStaysPending_AndIsSentWhenTriedAgainLater()
    {
        var options = Options();
        var down = Microsoft.Extensions.Options.Options.Create(new AssistanceOptions
        {
            DataDirectory = _directory.Path,
            Notifications = new NotificationOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = 1, Security = "None" }, RetryInterval = TimeSpan.FromMinutes(1) },
        });
        using var store = new AssistanceStore(Path.Combine(_directory.Path, "assistance.db"));
        var number = await SubmitAsync(store, new FeedbackChannel(ChannelKind.Email, "aysel@example.az"));

        await Dispatcher(store, down, new SmtpNoticeSender(down)).ProcessDueAsync(Ct);
        var failed = Assert.Single(store.Notices(number));
        Assert.Null(failed.SentAt);
        Assert.NotNull(failed.LastError);
        Assert.Equal(0, await Dispatcher(store, options, new SmtpNoticeSender(options)).ProcessDueAsync(Ct)); // not due yet

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Dispatcher(store, options, new SmtpNoticeSender(options)).ProcessDueAsync(Ct));
        Assert.Single(await _smtp.WaitForAsync(1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SmsNotice_IsWrittenToAReadableFile_AndNotWrittenTwice_EvenByANewProcess()
    {
        var options = Options();
        using var store = new AssistanceStore(Path.Combine(_directory.Path, "assistance.db"));
        var number = await SubmitAsync(store, new FeedbackChannel(ChannelKind.Sms, "+994501234567"));
        var notice = Notice.From(Assert.Single(store.Notices(number)));

        await new SmsFileSender(options, _time).SendAsync(notice, Ct);
        await new SmsFileSender(options, _time).SendAsync(notice, Ct); // as after a crash before the "sent" mark

        var line = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_directory.Path, "outbox-sms.log"), Ct));
        var fields = line.Split('\t');
        Assert.Equal([notice.Id, "+994501234567"], fields[1..3]);
        Assert.Contains(number, fields[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ECabinetNotice_GoesToTheApplicantsCabinetFile()
    {
        var options = Options();
        using var store = new AssistanceStore(Path.Combine(_directory.Path, "assistance.db"));
        var number = await SubmitAsync(store, new FeedbackChannel(ChannelKind.ECabinet, null));

        await Dispatcher(store, options, new ECabinetFileSender(options, _time)).ProcessDueAsync(Ct);

        var line = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_directory.Path, "outbox-ecabinet.log"), Ct));
        Assert.Equal(ProfileBuilder.FinOf(1).Value, line.Split('\t')[2]);
        Assert.NotNull(Assert.Single(store.Notices(number)).SentAt);
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _directory.Dispose();
    }
}
