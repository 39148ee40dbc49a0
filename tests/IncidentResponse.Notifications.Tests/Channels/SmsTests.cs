using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>The SMS channel against a gateway stand-in: template, length, and TLP enforced inside the channel.</summary>
public sealed class SmsTests
{
    private static IHost HostFor(HttpTestServer gateway, int maxLength = 160, bool unaccented = false)
    {
        var settings = ChannelHost.FastRetries("sms");
        settings["Notifications:Sms:Endpoint"] = new Uri(gateway.Address, "api/sms").ToString();
        settings["Notifications:Sms:MaxLength"] = $"{maxLength}";
        settings["Notifications:Sms:Unaccented"] = unaccented ? "true" : "false";
        settings["Notifications:Sms:Headers:Authorization"] = "Bearer gateway-token";
        return ChannelHost.Build(settings);
    }

    private static string MessageOf(ReceivedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task The_gateway_receives_the_templated_JSON_with_a_short_text_and_the_acknowledgement_code()
    {
        await using var gateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 202, """{"status":"queued"}"""));
        using var host = HostFor(gateway);
        var notice = Notices.Sample(tlp: "GREEN");

        var report = await host.Sender().SendAsync(notice, Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        Assert.True(report.Delivered);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("Bearer gateway-token", request.Headers["Authorization"]);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("+84912345678", json.RootElement.GetProperty("to").GetString());
        Assert.Equal(notice.NotificationId.ToString("D"), json.RootElement.GetProperty("reference").GetString());
        var text = json.RootElement.GetProperty("message").GetString()!;
        Assert.InRange(text.Length, 1, 160);
        Assert.StartsWith("[TLP:GREEN] SC-2026-00042 Mức Cao, SỰ CỐ NGHIÊM TRỌNG: DDoS vào Cổng dịch vụ công.", text, StringComparison.Ordinal);
        Assert.EndsWith($"Xác nhận: {Notices.AckLink} mã {Notices.AckCode}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RED")]
    [InlineData("AMBER+STRICT")]
    [InlineData("no-such-label")]
    public async Task Under_strict_TLP_no_details_are_sent_even_when_the_notice_carries_them(string tlp)
    {
        await using var gateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        using var host = HostFor(gateway);

        var report = await host.Sender().SendAsync(Notices.Sample(tlp: tlp), Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        Assert.True(report.Delivered);
        var text = MessageOf(Assert.Single(gateway.Requests));
        Assert.DoesNotContain("DDoS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng", text, StringComparison.Ordinal);
        Assert.Contains("SC-2026-00042", text, StringComparison.Ordinal);
        Assert.Contains(Notices.AckCode, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_title_is_shortened_to_fit_and_English_readers_get_English()
    {
        await using var gateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        using var host = HostFor(gateway, maxLength: 140);
        var notice = Notices.Sample(tlp: "CLEAR", title: string.Concat(Enumerable.Repeat("Tấn công từ chối dịch vụ ", 20)));

        await host.Sender().SendAsync(notice, Notices.English, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        var text = MessageOf(Assert.Single(gateway.Requests));
        Assert.InRange(text.Length, 100, 140);
        Assert.StartsWith("[TLP:CLEAR] SC-2026-00042 Severity High, SERIOUS INCIDENT: Tấn công", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        Assert.EndsWith($"code {Notices.AckCode}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unaccented_the_gateway_gets_ASCII_Vietnamese_that_still_fits_and_still_carries_the_code()
    {
        await using var gateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        using var host = HostFor(gateway, maxLength: 160, unaccented: true);
        var notice = Notices.Sample(tlp: "GREEN", title: string.Concat(Enumerable.Repeat("Đường truyền «Viettel» bị ngắt – ", 8)));

        await host.Sender().SendAsync(notice, Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        var text = MessageOf(Assert.Single(gateway.Requests));
        Assert.InRange(text.Length, 100, 160);
        Assert.All(text, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("[TLP:GREEN] SC-2026-00042 Muc Cao, SU CO NGHIEM TRONG: Duong truyen \"Viettel\" bi ngat - ", text, StringComparison.Ordinal);
        Assert.EndsWith($"Xac nhan: {Notices.AckLink} ma {Notices.AckCode}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unaccented_a_title_in_a_script_whose_letters_decompose_still_fits_and_keeps_the_code()
    {
        await using var gateway = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        using var host = HostFor(gateway, maxLength: 160, unaccented: true);
        var notice = Notices.Sample(tlp: "GREEN", title: string.Concat(Enumerable.Repeat("한국어 ", 60)));

        await host.Sender().SendAsync(notice, Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        var text = MessageOf(Assert.Single(gateway.Requests));
        Assert.InRange(text.Length, 1, 160);
        Assert.EndsWith($"ma {Notices.AckCode}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_values_are_JSON_escaped_and_placeholders_inside_values_stay_literal()
    {
        var body = SmsTemplate.Fill(SmsOptions.DefaultBodyTemplate, "+84 {id}", "say \"hi\" \\ {to}\n", "42");

        using var json = JsonDocument.Parse(body);
        Assert.Equal("+84 {id}", json.RootElement.GetProperty("to").GetString());
        Assert.Equal("say \"hi\" \\ {to}\n", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("42", json.RootElement.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Without_a_gateway_the_channel_answers_permanent()
    {
        using var host = ChannelHost.Build(ChannelHost.FastRetries("sms"));

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Equal("no SMS gateway configured", attempt.ProviderResponse);
    }

    [Fact]
    public async Task A_gateway_answering_502_is_retried()
    {
        await using var gateway = await HttpTestServer.StartAsync((context, request) => HttpTestServer.Answer(context, request.Number == 1 ? 502 : 200));
        using var host = HostFor(gateway);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("sms", "+84912345678"), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.Delivered], report.Attempts.Select(a => a.Outcome));
        Assert.StartsWith("HTTP 502 Bad Gateway", report.Attempts[0].ProviderResponse, StringComparison.Ordinal);
    }
}
