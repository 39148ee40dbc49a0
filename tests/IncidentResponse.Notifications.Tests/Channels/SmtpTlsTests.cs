using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>SMTP requires TLS unless a setting relaxes it, and a password never crosses an unencrypted connection.</summary>
public sealed class SmtpTlsTests
{
    private static Microsoft.Extensions.Hosting.IHost HostFor(SmtpTestServer smtp, string? security, string? userName = null)
    {
        var settings = ChannelHost.FastRetries("email", maxRetries: 0);
        settings["Notifications:Email:Mode"] = "Smtp";
        settings["Notifications:Email:Host"] = SmtpTestServer.Host;
        settings["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (security is not null)
        {
            settings["Notifications:Email:Security"] = security;
        }

        if (userName is not null)
        {
            settings["Notifications:Email:UserName"] = userName;
            settings["Notifications:Email:Password"] = "mat-khau-relay";
        }

        return ChannelHost.Build(settings);
    }

    [Fact]
    public void STARTTLS_is_required_by_default() =>
        Assert.Equal(EmailSecurity.StartTls, new EmailOptions().Security);

    [Fact]
    public async Task By_default_a_relay_that_offers_no_STARTTLS_gets_no_mail()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp, security: null);

        var result = await host.Channel("email").SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.NotEqual(AttemptOutcome.Delivered, result.Outcome);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_relay_relaxed_to_plain_text_still_never_gets_the_password()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp, security: "None", userName: "relay-user");

        var result = await host.Channel("email").SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal(AttemptOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("unencrypted", result.ProviderResponse, StringComparison.Ordinal);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_relay_explicitly_relaxed_to_plain_text_without_a_password_gets_the_mail()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp, security: "None");

        var result = await host.Channel("email").SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal(AttemptOutcome.Delivered, result.Outcome);
        Assert.Single(smtp.Received);
    }
}
