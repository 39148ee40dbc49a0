using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// The partners' side of the wire for a test class: a real SMTP server standing in for the mail
/// relay and a real HTTP server standing in for the SMS operator's gateway (the one edge we do not run).
/// </summary>
public sealed class PartnerServers : IAsyncDisposable
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    public HttpTestServer SmsGateway { get; private set; } = null!;

    public static async Task<PartnerServers> StartAsync() => new()
    {
        Smtp = await SmtpTestServer.StartAsync(),
        SmsGateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200, "{\"status\":\"queued\"}")),
    };

    /// <summary>The Host's settings that point its channels here, with short retry delays.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Notifications:Email:Mode"] = "Smtp",
        ["Notifications:Email:Host"] = SmtpTestServer.Host,
        ["Notifications:Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:Security"] = "None",
        ["Notifications:Sms:Endpoint"] = new Uri(SmsGateway.Address, "/send").ToString(),
        ["Notifications:Resilience:email:BaseDelay"] = "00:00:00.050",
        ["Notifications:Resilience:email:MaxRetries"] = "2",
        ["Notifications:Resilience:sms:BaseDelay"] = "00:00:00.050",
        ["Notifications:Resilience:sms:MaxRetries"] = "2",
        ["Notifications:DispatchPollInterval"] = "00:00:00.500",
    };

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await SmsGateway.DisposeAsync();
    }
}

/// <summary>A Host on the embedded default whose notifications go to the partner servers.</summary>
public sealed class EmbeddedWithPartnersFixture : EmbeddedHostFixture, IPartnersFixture
{
    public PartnerServers Partners { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() => (Partners = await PartnerServers.StartAsync()).Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Partners is not null)
        {
            await Partners.DisposeAsync();
        }
    }
}

/// <summary>A Host on RabbitMQ and PostgreSQL whose notifications go to the partner servers.</summary>
public sealed class DistributedWithPartnersFixture(InfrastructureFixture infrastructure) : DistributedHostFixture(infrastructure), IPartnersFixture
{
    public PartnerServers Partners { get; private set; } = null!;

    protected override async Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() => (Partners = await PartnerServers.StartAsync()).Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Partners is not null)
        {
            await Partners.DisposeAsync();
        }
    }
}

public interface IPartnersFixture
{
    PartnerServers Partners { get; }
}
