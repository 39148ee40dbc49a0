using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace IncidentResponse.Testing;

/// <summary>
/// A real IMAP server (Dovecot, Debian package <c>dovecot-imapd</c>) with one mailbox, on a free
/// loopback port, plain IMAP with a password (no TLS: loopback only). Mail is delivered into it
/// with IMAP APPEND, as a mail server's delivery agent would.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "intake@example.invalid";
    public const string Password = "dovecot-test-password-1";

    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;

    private DovecotServer(TempDirectory directory, PeerProcess process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output + ReadLog();

    /// <summary>The Host settings that point e-mail intake at this mailbox.</summary>
    public IReadOnlyDictionary<string, string> HostSettings(TimeSpan? pollInterval = null, bool useIdle = true) => new Dictionary<string, string>
    {
        ["Intake:Email:Host"] = "127.0.0.1",
        ["Intake:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Intake:Email:Security"] = nameof(SecureSocketOptions.None),
        ["Intake:Email:UserName"] = User,
        ["Intake:Email:Password"] = Password,
        ["Intake:Email:UseIdle"] = useIdle.ToString(),
        ["Intake:Email:PollInterval"] = (pollInterval ?? TimeSpan.FromSeconds(1)).ToString(),
        // The test mail comes from example.invalid: a known domain, so it flows as usual; other senders are held.
        ["Intake:Email:KnownSenders:0"] = KnownDomain,
        ["Intake:Email:AuthServId"] = AuthServId,
    };

    /// <summary>The domain the mailbox knows in tests.</summary>
    public const string KnownDomain = "@example.invalid";

    /// <summary>The authserv-id of "our own receiving server" in tests; only its <c>Authentication-Results</c> count.</summary>
    public const string AuthServId = "mx.bcd.example.invalid";

    public static async Task<DovecotServer> StartAsync()
    {
        var binary = PeerProcess.Locate("IR_TEST_DOVECOT", "/usr/sbin/dovecot", "dovecot-imapd");
        var directory = new TempDirectory();
        var mail = Directory.CreateDirectory(Path.Combine(directory.Path, "mail")).FullName;
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Dovecot runs on Linux");
        }

        // Dovecot's mail processes run as another user: they must reach the folder and write the mailbox.
        File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(mail, (UnixFileMode)0x1FF);
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "users"), $"{User}:{{PLAIN}}{Password}::::::\n");

        // As root (CI) mail is kept by the package's own unprivileged user; otherwise by whoever runs the test.
        var root = Environment.UserName == "root";
        var mailUser = root ? "dovecot" : Environment.UserName;
        var internalUsers = root ? string.Empty : $"default_internal_user = {mailUser}\ndefault_login_user = {mailUser}\n";
        var port = PeerProcess.FreePort();
        var config = Path.Combine(directory.Path, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{directory.Path}}/run
            state_dir = {{directory.Path}}/state
            log_path = {{directory.Path}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            first_valid_gid = 1
            {{internalUsers}}mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{directory.Path}}/users
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailUser}} home={{mail}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            """);
        var process = PeerProcess.Start(binary, ["-F", "-c", config], directory.Path);
        var server = new DovecotServer(directory, process, port);
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Delivers a message into the inbox (IMAP APPEND); returns its UID.</summary>
    public async Task<UniqueId?> DeliverAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        var appended = await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
        return appended;
    }

    /// <summary>Every message in the inbox with its keywords.</summary>
    public async Task<IReadOnlyList<(UniqueId Uid, string? Subject, IReadOnlySet<string> Keywords)>> InboxAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = client.Inbox.Count == 0 ? []
            : await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return [.. summaries.Select(s => (s.UniqueId, s.Envelope?.Subject, (IReadOnlySet<string>)new HashSet<string>(s.Keywords)))];
    }

    /// <summary>Takes a keyword off every message, as if the reader had crashed before marking them.</summary>
    public async Task RemoveKeywordAsync(string keyword)
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var all = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        await client.Inbox.StoreAsync(all, new StoreFlagsRequest(StoreAction.Remove, [keyword]) { Silent = true });
        await client.DisconnectAsync(true);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    private string ReadLog()
    {
        var log = Path.Combine(_directory.Path, "dovecot.log");
        return File.Exists(log) ? "\n" + File.ReadAllText(log) : string.Empty;
    }
}
