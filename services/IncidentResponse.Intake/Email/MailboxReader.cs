using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Reads the reports mailbox over IMAP (MailKit): every message without the processed keyword is
/// filed as a report, and only once its report is stored is the keyword set on the server. Waits
/// with IDLE where the server offers it, polls otherwise; reconnects after any failure.
/// </summary>
public sealed partial class MailboxReader(
    IServiceScopeFactory scopes,
    DatabaseStatus database,
    IOptions<EmailIntakeOptions> options,
    TimeProvider time,
    ILogger<MailboxReader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (SenderCheck.Weakness(settings) is { } weakness)
        {
            LogWeakness(logger, weakness);
        }

        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, settings.Host!, settings.Mailbox, Failures.Describe(ex));
                await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task ReadAsync(EmailIntakeOptions settings, CancellationToken cancellationToken)
    {
        using var client = new ImapClient();
        client.Timeout = 60_000;
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        var folder = await client.GetFolderAsync(settings.Mailbox, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var canMark = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined) || folder.PermanentKeywords.Contains(settings.ProcessedKeyword);
        if (!canMark)
        {
            LogCannotMark(logger, settings.Mailbox, settings.ProcessedKeyword);
        }

        var idle = settings.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle);
        LogConnected(logger, settings.Host!, settings.Mailbox, idle ? "IDLE" : $"polling every {settings.PollInterval}");

        // The server announces new mail in the answer to whatever command runs next, often while a message is
        // being filed. IDLE does not announce it again, so mail that arrived during a pass starts another pass.
        var arrived = 0;
        void Arrived(object? sender, EventArgs e) => Volatile.Write(ref arrived, 1);
        folder.CountChanged += Arrived;
        try
        {
            await ServeAsync(client, folder, settings, canMark, idle, () => Interlocked.Exchange(ref arrived, 0) == 1, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }

        await client.DisconnectAsync(quit: true, CancellationToken.None);
    }

    private async Task ServeAsync(
        ImapClient client, IMailFolder folder, EmailIntakeOptions settings, bool canMark, bool idle, Func<bool> takeArrived, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int imported;
            do
            {
                takeArrived();
                imported = await ImportPendingAsync(folder, settings, canMark, cancellationToken);
            }
            while (imported == settings.BatchSize || takeArrived());

            if (idle)
            {
                await WaitForMailAsync(client, folder, settings, cancellationToken);
            }
            else
            {
                await Task.Delay(settings.PollInterval, time, cancellationToken);
                await client.NoOpAsync(cancellationToken);
            }
        }
    }

    /// <summary>Files the messages not yet marked, oldest first; returns how many it looked at.</summary>
    private async Task<int> ImportPendingAsync(IMailFolder folder, EmailIntakeOptions settings, bool canMark, CancellationToken cancellationToken)
    {
        var pending = await folder.SearchAsync(
            SearchQuery.NotKeyword(settings.ProcessedKeyword).And(SearchQuery.NotKeyword(settings.NotFiledKeyword)), cancellationToken);
        var batch = pending.OrderBy(u => u.Id).Take(settings.BatchSize).ToList();
        if (batch.Count == 0)
        {
            return 0;
        }

        var sizes = (await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(s => s.UniqueId, s => (long)(s.Size ?? 0));
        foreach (var uid in batch)
        {
            var tooLarge = sizes.GetValueOrDefault(uid) > settings.MaxMessageBytes;
            var message = tooLarge
                ? new MimeKit.MimeMessage(await folder.GetHeadersAsync(uid, cancellationToken))
                : await folder.GetMessageAsync(uid, cancellationToken);
            if (tooLarge)
            {
                message.Body = new MimeKit.TextPart("plain")
                {
                    Text = $"(Thư {sizes[uid]} byte, quá giới hạn {settings.MaxMessageBytes}: đọc trong hộp thư / message of {sizes[uid]} bytes, over the limit: read it in the mailbox)",
                };
            }

            var filed = await FileAsync(uid.Id, message, $"uid:{folder.UidValidity}:{uid.Id}", settings, cancellationToken);
            if (canMark)
            {
                var keyword = filed ? settings.ProcessedKeyword : settings.NotFiledKeyword;
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, [keyword]) { Silent = true }, cancellationToken);
            }
        }

        return batch.Count;
    }

    /// <summary>
    /// Files the message; when what it holds cannot be stored, files its headers alone with a note to read it in
    /// the mailbox. False when even that fails: the message is set aside, and the ones after it are filed. A
    /// database or mailbox that is unavailable is thrown to the caller, which tries the same message again later.
    /// </summary>
    private async Task<bool> FileAsync(uint uid, MimeKit.MimeMessage message, string fallbackKey, EmailIntakeOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await ImportAsync(uid, message, fallbackKey, cancellationToken);
            return true;
        }
        catch (Exception ex) when (FilingFailure.IsTheMessages(ex, cancellationToken))
        {
            LogFilingHeadersOnly(logger, uid, FilingFailure.Describe(ex));
        }

        try
        {
            await ImportAsync(uid, HeadersOnly(message), fallbackKey, cancellationToken);
            return true;
        }
        catch (Exception ex) when (FilingFailure.IsTheMessages(ex, cancellationToken))
        {
            LogNotFiled(logger, uid, settings.NotFiledKeyword, FilingFailure.Describe(ex));
            return false;
        }
    }

    private async Task ImportAsync(uint uid, MimeKit.MimeMessage message, string fallbackKey, CancellationToken cancellationToken)
    {
        if (OwnMail.IsOurs(message))
        {
            LogOwnMail(logger, uid, message.MessageId);
            return; // marked processed by the caller, never filed: see OwnMail
        }

        await using var scope = scopes.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<EmailImporter>();
        var imported = await importer.ImportAsync(message, fallbackKey, cancellationToken);
        LogImported(logger, uid, imported.ReportId, imported.Replayed);
    }

    /// <summary>The message's headers with a note instead of its text and files.</summary>
    private static MimeKit.MimeMessage HeadersOnly(MimeKit.MimeMessage message) => new(message.Headers)
    {
        Body = new MimeKit.TextPart("plain")
        {
            Text = "(Không lưu được nội dung và tệp đính kèm của thư này: đọc trong hộp thư / the text and files of this message could not be stored: read it in the mailbox)",
        },
    };

    private async Task WaitForMailAsync(ImapClient client, IMailFolder folder, EmailIntakeOptions settings, CancellationToken cancellationToken)
    {
        using var done = new CancellationTokenSource(settings.IdleRefresh, time);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail intake: {Weakness}")]
    private static partial void LogWeakness(ILogger logger, string weakness);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail intake reading {Host}/{Mailbox} ({Mode})")]
    private static partial void LogConnected(ILogger logger, string host, string mailbox, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail UID {Uid} filed as report {ReportId} (already stored before: {Replayed})")]
    private static partial void LogImported(ILogger logger, uint uid, Guid reportId, bool replayed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mailbox {Mailbox} does not keep the keyword {Keyword}: messages are filed once (by Message-ID) but read again on every pass; allow custom keywords on the server")]
    private static partial void LogCannotMark(ILogger logger, string mailbox, string keyword);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail UID {Uid} (Message-ID {MessageId}) is one this system sent, or a machine's answer to one: marked processed, not filed as a report")]
    private static partial void LogOwnMail(ILogger logger, uint uid, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail UID {Uid} could not be filed whole, filing its headers only: {Reason}")]
    private static partial void LogFilingHeadersOnly(ILogger logger, uint uid, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail UID {Uid} could not be filed, not even its headers: marked {Keyword} and skipped; read it in the mailbox ({Reason})")]
    private static partial void LogNotFiled(ILogger logger, uint uid, string keyword, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail intake from {Host}/{Mailbox} failed, trying again: {Reason}")]
    private static partial void LogFailed(ILogger logger, string host, string mailbox, string reason);
}
