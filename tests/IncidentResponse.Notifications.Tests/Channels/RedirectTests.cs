using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>The SMS gateway and webhook clients never follow a redirect: it would carry the configured headers elsewhere.</summary>
public sealed class RedirectTests
{
    [Fact]
    public async Task An_SMS_gateway_answering_with_a_redirect_does_not_send_its_headers_to_the_new_address()
    {
        await using var elsewhere = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        await using var gateway = await HttpTestServer.StartAsync((context, _) =>
        {
            context.Response.Headers.Location = new Uri(elsewhere.Address, "steal").ToString();
            return HttpTestServer.Answer(context, 307);
        });
        var settings = ChannelHost.FastRetries("sms", maxRetries: 0);
        settings["Notifications:Sms:Endpoint"] = new Uri(gateway.Address, "api/sms").ToString();
        settings["Notifications:Sms:Headers:X-Api-Key"] = "gateway-secret";
        using var host = ChannelHost.Build(settings);

        var result = await host.Channel("sms").SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        Assert.NotEqual(AttemptOutcome.Delivered, result.Outcome);
        Assert.Equal(1, gateway.Hits);
        Assert.Equal(0, elsewhere.Hits);
    }

    [Fact]
    public async Task A_webhook_answering_with_a_redirect_is_not_followed()
    {
        await using var elsewhere = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        await using var receiver = await HttpTestServer.StartAsync((context, _) =>
        {
            context.Response.Headers.Location = new Uri(elsewhere.Address, "steal").ToString();
            return HttpTestServer.Answer(context, 308);
        });
        using var host = ChannelHost.Build(ChannelHost.FastRetries("webhook", maxRetries: 0));

        var result = await host.Channel("webhook").SendAsync(
            Notices.Sample(), Notices.Vietnamese, new Destination("webhook", new Uri(receiver.Address, "hooks/ir").ToString(), "webhook-secret"), TestContext.Current.CancellationToken);

        Assert.NotEqual(AttemptOutcome.Delivered, result.Outcome);
        Assert.Equal(0, elsewhere.Hits);
    }
}
