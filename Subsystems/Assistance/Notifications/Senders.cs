using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IntegrationHub.Assistance.Notifications;

/// <summary>What leaves on one channel. The id is stable per notice, so a receiver can drop a repeat.</summary>
public sealed record Notice(string Id, string ApplicationNumber, string Kind, ChannelKind Channel, string Address, string Subject, string TextAz, string TextEn)
{
    public static Notice From(OutboxRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.ApplicationNumber, r.Kind, r.Channel, r.Address, r.Subject, r.TextAz, r.TextEn);
    }
}

/// <summary>
/// Sends notices on one channel. Register your own for a channel to replace the default (the last one
/// registered for a channel wins). Throw to have the notice tried again later.
/// </summary>
public interface INoticeSender
{
    ChannelKind Channel { get; }

    Task SendAsync(Notice notice, CancellationToken cancellationToken);
}

/// <summary>E-mail through a real SMTP server (MailKit), both languages in one message.</summary>
public sealed class SmtpNoticeSender(IOptions<AssistanceOptions> options) : INoticeSender
{
    public ChannelKind Channel => ChannelKind.Email;

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var smtp = options.Value.Notifications.Smtp;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(notice.Address));
        message.Subject = notice.Subject;
        // A stable Message-ID: if a crash repeats a send, mail systems and readers see one message.
        message.MessageId = notice.Id.Replace(':', '.') + "@vemtas.integrationhub";
        message.Body = new TextPart("plain") { Text = notice.TextAz + "\n\n---\n\n" + notice.TextEn + "\n" };
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// The embedded default for SMS and the e-cabinet: one line per notice appended to a file a person can read
/// (tab-separated: sent at, notice id, address, Azerbaijani text, English text). A notice already in the file
/// is not written again.
/// </summary>
public abstract class FileNoticeSender(string path, TimeProvider time) : INoticeSender
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private HashSet<string>? _written;

    public abstract ChannelKind Channel { get; }

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _written ??= File.Exists(Path)
                ? (await File.ReadAllLinesAsync(Path, cancellationToken)).Select(l => l.Split('\t')).Where(p => p.Length > 1).Select(p => p[1]).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
            if (_written.Contains(notice.Id)) return;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var line = string.Join('\t',
                time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), notice.Id, notice.Address, Flat(notice.TextAz), Flat(notice.TextEn)) + "\n";
            await using (var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
                file.Flush(flushToDisk: true);
            }
            _written.Add(notice.Id);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static string Flat(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}

public sealed class SmsFileSender(IOptions<AssistanceOptions> options, TimeProvider time)
    : FileNoticeSender(System.IO.Path.Combine(options.Value.DataDirectory, options.Value.Notifications.SmsFile), time)
{
    public override ChannelKind Channel => ChannelKind.Sms;
}

public sealed class ECabinetFileSender(IOptions<AssistanceOptions> options, TimeProvider time)
    : FileNoticeSender(System.IO.Path.Combine(options.Value.DataDirectory, options.Value.Notifications.ECabinetFile), time)
{
    public override ChannelKind Channel => ChannelKind.ECabinet;
}
