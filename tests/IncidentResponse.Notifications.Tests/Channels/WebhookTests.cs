using System.Collections.Concurrent;
using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>The webhook channel and the sender against a real Kestrel receiver.</summary>
public sealed class WebhookTests
{
    private const string Secret = "whsec-test-0123456789";

    private static IHost HostWith(int maxRetries = 3, string? timeout = null, int breakerMinimumThroughput = 4)
    {
        var settings = ChannelHost.FastRetries("webhook", maxRetries);
        settings["Notifications:Resilience:webhook:BreakerMinimumThroughput"] = $"{breakerMinimumThroughput}";
        if (timeout is not null)
        {
            settings["Notifications:Resilience:webhook:Timeout"] = timeout;
        }

        return ChannelHost.Build(settings);
    }

    private static Destination To(HttpTestServer server, string secret = Secret) => new("webhook", new Uri(server.Address, "hooks/ir").ToString(), secret);

    /// <summary>
    /// A receiver that checks the signature with its own copy of the secret: 200 when valid, 401 otherwise;
    /// <paramref name="eitherHeader"/>: as RECEIVERS.md asks, a match of the previous-secret signature counts too.
    /// </summary>
    private static Task<HttpTestServer> VerifyingReceiver(string secret, ConcurrentQueue<bool> verdicts, bool eitherHeader = false) =>
        HttpTestServer.StartAsync((context, request) =>
        {
            var valid = WebhookSignature.Verify(
                secret,
                context.Request.Headers[WebhookSignature.TimestampHeader],
                context.Request.Headers[WebhookSignature.SignatureHeader],
                eitherHeader ? context.Request.Headers[WebhookSignature.PreviousSignatureHeader] : default(string),
                request.Body,
                TimeProvider.System.GetUtcNow(),
                TimeSpan.FromMinutes(5));
            verdicts.Enqueue(valid);
            return HttpTestServer.Answer(context, valid ? 200 : 401, valid ? "accepted" : "bad signature");
        });

    [Fact]
    public async Task A_webhook_address_whose_path_is_its_token_is_never_logged()
    {
        const string token = "T0KEN-in-the-path-9f8e7d6c5b4a";
        await using var receiver = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200, "accepted"));
        using var log = new RecordedLog(Microsoft.Extensions.Logging.LogLevel.Trace);
        using var host = ChannelHost.Build(ChannelHost.FastRetries("webhook"), log: log);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese,
            new Destination("webhook", new Uri(receiver.Address, $"hooks/{token}").ToString(), Secret), TestContext.Current.CancellationToken);

        Assert.True(report.Delivered);
        Assert.NotEmpty(log.Entries); // the sender does log (its tries); none of it is the address
        Assert.All(log.Entries, e => Assert.DoesNotContain(token, e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receiver_echoing_the_address_in_its_error_leaves_no_token_in_the_attempt()
    {
        const string token = "T0KEN-echoed-1a2b3c4d";
        const string lettersOnly = "KxQwErTyUiOp"; // a credential without a digit, under 20 characters
        // Express's page puts the path past the 116th character; a JSON copy escapes its slashes; another names the
        // segments one by one; the query value stands alone.
        await using var receiver = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 404,
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head><body><pre>Cannot POST {context.Request.Path}{context.Request.QueryString}</pre> "
            + $"{{\"path\":\"{context.Request.Path.Value!.Replace("/", "\\/", StringComparison.Ordinal)}\",\"seen\":\"{context.Request.Path.Value!.Replace('/', ' ').Trim()}\","
            + $"\"room\":\"{context.Request.Query["room"]}\"}}</body></html>"));
        using var host = HostWith(maxRetries: 0);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese,
            new Destination("webhook", new Uri(receiver.Address, $"hooks/{lettersOnly}/{token}-{new string('x', 120)}?room=truc-ban").ToString(), Secret),
            TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.StartsWith("HTTP 404 Not Found: <!DOCTYPE html>", attempt.ProviderResponse, StringComparison.Ordinal);
        Assert.Contains("Cannot POST …</pre> {\"path\":\"…\",\"seen\":\"hooks … …\"", attempt.ProviderResponse, StringComparison.Ordinal); // the path's words stay
        Assert.DoesNotContain("T0KEN", attempt.ProviderResponse, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lettersOnly, attempt.ProviderResponse, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("truc-ban", attempt.ProviderResponse, StringComparison.Ordinal);
        Assert.DoesNotContain("echoed", attempt.ProviderResponse, StringComparison.Ordinal); // no start of it left at the cut
    }

    [Fact]
    public async Task A_signed_notice_is_verified_by_the_receiver_with_idempotency_key_and_JSON_body()
    {
        var verdicts = new ConcurrentQueue<bool>();
        await using var receiver = await VerifyingReceiver(Secret, verdicts);
        using var host = HostWith();
        var notice = Notices.Sample();

        var report = await host.Sender().SendAsync(notice, Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        Assert.Equal("HTTP 200 OK: accepted", attempt.ProviderResponse);
        Assert.Equal([true], verdicts);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(notice.NotificationId.ToString("D"), request.Headers["Idempotency-Key"]);
        Assert.Equal("IncidentResponse/1.0", request.Headers["User-Agent"]);
        // Signed the Standard Webhooks way too, verifiable with the secret as a library takes it.
        Assert.Equal(notice.NotificationId.ToString("D"), request.Headers[StandardWebhookSignature.IdHeader]);
        Assert.Equal(request.Headers[WebhookSignature.TimestampHeader], request.Headers[StandardWebhookSignature.TimestampHeader]);
        Assert.StartsWith("v1,", request.Headers[StandardWebhookSignature.SignatureHeader], StringComparison.Ordinal);
        Assert.True(StandardWebhookSignature.Verify(StandardWebhookSignature.LibrarySecret(Secret), request.Headers[StandardWebhookSignature.IdHeader],
            request.Headers[StandardWebhookSignature.TimestampHeader], request.Headers[StandardWebhookSignature.SignatureHeader], request.Body,
            TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify("another-secret", request.Headers[StandardWebhookSignature.IdHeader],
            request.Headers[StandardWebhookSignature.TimestampHeader], request.Headers[StandardWebhookSignature.SignatureHeader], request.Body,
            TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)));

        // Sent again at a person's request: a key of its own, so an idempotent receiver does not drop it (review L4).
        await host.Sender().SendAsync(notice with { Round = 2 }, Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);
        Assert.Equal($"{notice.NotificationId:D}.2", receiver.Requests[^1].Headers["Idempotency-Key"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(notice.NotificationId, root.GetProperty("notificationId").GetGuid());
        Assert.Equal("initialReport", root.GetProperty("kind").GetString());
        Assert.Equal("SC-2026-00042", root.GetProperty("incident").GetProperty("number").GetString());
        Assert.Equal(Notices.Title, root.GetProperty("incident").GetProperty("title").GetString());
        Assert.Equal("AMBER", root.GetProperty("incident").GetProperty("tlp").GetString());
        Assert.Equal(3, root.GetProperty("incident").GetProperty("severityLevel").GetInt32());
        Assert.Equal("initial-report", root.GetProperty("incident").GetProperty("deadlines")[0].GetProperty("id").GetString());
        Assert.Equal("STTTT-BN", root.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(Notices.AckLink.ToString(), root.GetProperty("links").GetProperty("acknowledge").GetString());
        Assert.Equal(Notices.AckCode, root.GetProperty("acknowledgeCode").GetString());
        Assert.False(root.GetProperty("withheld").GetBoolean());
    }

    [Fact]
    public async Task During_a_rotation_receivers_on_the_old_and_on_the_new_secret_both_verify_and_nothing_else_changes()
    {
        const string Retired = "whsec-retired-0123456789";
        var verdicts = new ConcurrentQueue<bool>();
        using var host = HostWith();
        await using var onOld = await VerifyingReceiver(Retired, verdicts, eitherHeader: true);
        await using var onNew = await VerifyingReceiver(Secret, verdicts, eitherHeader: true);
        await using var notRotating = await VerifyingReceiver(Secret, verdicts);

        foreach (var receiver in new[] { onOld, onNew })
        {
            var rotating = To(receiver) with { PreviousSecret = Retired };
            var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, rotating, TestContext.Current.CancellationToken);
            Assert.Equal(AttemptOutcome.Delivered, Assert.Single(report.Attempts).Outcome);
        }

        await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(notRotating), TestContext.Current.CancellationToken);

        Assert.Equal([true, true, true], verdicts);
        var signed = Assert.Single(onOld.Requests);
        Assert.NotEqual(signed.Headers[WebhookSignature.SignatureHeader], signed.Headers[WebhookSignature.PreviousSignatureHeader]);
        Assert.False(Assert.Single(notRotating.Requests).Headers.ContainsKey(WebhookSignature.PreviousSignatureHeader)); // only during a rotation

        // Standard Webhooks: two entries while rotating, one otherwise; a receiver on either secret verifies.
        var entries = signed.Headers[StandardWebhookSignature.SignatureHeader]!.Split(' ');
        Assert.Equal(2, entries.Length);
        foreach (var held in new[] { Retired, Secret })
        {
            Assert.True(StandardWebhookSignature.Verify(held, signed.Headers[StandardWebhookSignature.IdHeader], signed.Headers[StandardWebhookSignature.TimestampHeader],
                signed.Headers[StandardWebhookSignature.SignatureHeader], signed.Body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5)));
        }

        Assert.Single(notRotating.Requests[0].Headers[StandardWebhookSignature.SignatureHeader]!.Split(' '));
    }

    [Fact]
    public void The_Standard_Webhooks_specification_example_signs_and_verifies_and_a_changed_byte_does_not()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        var body = System.Text.Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
        var at = DateTimeOffset.FromUnixTimeSeconds(1614265330);

        var header = StandardWebhookSignature.Compute([secret], id, 1614265330, body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
        Assert.True(StandardWebhookSignature.Verify(secret, id, "1614265330", header, body, at, TimeSpan.FromMinutes(5)));
        Assert.False(StandardWebhookSignature.Verify(secret, id, "1614265330", header, body, at.AddMinutes(6), TimeSpan.FromMinutes(5))); // too old
        Assert.False(StandardWebhookSignature.Verify(secret, "msg_other", "1614265330", header, body, at, TimeSpan.FromMinutes(5)));
        body[^2] = (byte)'5';
        Assert.False(StandardWebhookSignature.Verify(secret, id, "1614265330", header, body, at, TimeSpan.FromMinutes(5)));
        Assert.Equal(secret, StandardWebhookSignature.LibrarySecret(secret));
    }

    [Fact]
    public async Task A_receiver_with_another_secret_rejects_the_signature_and_the_failure_is_permanent()
    {
        var verdicts = new ConcurrentQueue<bool>();
        await using var receiver = await VerifyingReceiver("a-different-secret", verdicts);
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        Assert.Equal([false], verdicts);
        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Equal("HTTP 401 Unauthorized: bad signature", attempt.ProviderResponse);
    }

    [Fact]
    public async Task Two_503_answers_then_200_make_three_tries_and_a_delivery()
    {
        await using var receiver = await HttpTestServer.StartAsync((context, request) =>
            HttpTestServer.Answer(context, request.Number <= 2 ? 503 : 200, request.Number <= 2 ? "maintenance" : string.Empty));
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.TransientFailure, AttemptOutcome.Delivered], report.Attempts.Select(a => a.Outcome));
        Assert.Equal("HTTP 503 Service Unavailable: maintenance", report.Attempts[0].ProviderResponse);
        Assert.True(report.Delivered);
        Assert.Equal(3, receiver.Hits);
        Assert.Single(receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        Assert.True(report.Attempts[1].StartedAt >= report.Attempts[0].StartedAt);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_gives_transient_timed_out_tries()
    {
        await using var receiver = await HttpTestServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        using var host = HostWith(maxRetries: 1, timeout: "00:00:00.200");

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Attempts.Count);
        Assert.All(report.Attempts, a =>
        {
            Assert.Equal(AttemptOutcome.TransientFailure, a.Outcome);
            Assert.Equal("timeout after 200 ms", a.ProviderResponse);
            Assert.InRange(a.Latency, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        });
        Assert.False(report.Delivered);
    }

    [Fact]
    public async Task After_enough_failures_the_breaker_opens_and_further_sends_do_not_reach_the_endpoint()
    {
        await using var receiver = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 503));
        using var host = HostWith(maxRetries: 5, breakerMinimumThroughput: 4);

        var first = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        Assert.Equal(4, receiver.Hits);
        Assert.Equal(5, first.Attempts.Count);
        Assert.All(first.Attempts.Take(4), a => Assert.StartsWith("HTTP 503", a.ProviderResponse, StringComparison.Ordinal));
        Assert.Equal(AttemptOutcome.TransientFailure, first.Attempts[4].Outcome);
        Assert.Equal("circuit open", first.Attempts[4].ProviderResponse);

        var second = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        var refused = Assert.Single(second.Attempts);
        Assert.Equal(AttemptOutcome.TransientFailure, refused.Outcome);
        Assert.Equal("circuit open", refused.ProviderResponse);
        Assert.Equal(4, receiver.Hits);
    }

    [Fact]
    public async Task The_breaker_is_per_endpoint()
    {
        await using var broken = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 500));
        await using var healthy = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 204));
        using var host = HostWith(maxRetries: 5);

        await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(broken), TestContext.Current.CancellationToken);
        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(healthy), TestContext.Current.CancellationToken);

        Assert.True(report.Delivered);
        Assert.Equal(1, healthy.Hits);
    }

    [Fact]
    public async Task A_400_answer_is_one_permanent_try()
    {
        await using var receiver = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 400, "unknown field"));
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Equal("HTTP 400 Bad Request: unknown field", attempt.ProviderResponse);
        Assert.Equal(1, receiver.Hits);
    }

    [Fact]
    public async Task A_429_answer_is_retried()
    {
        await using var receiver = await HttpTestServer.StartAsync((context, request) => HttpTestServer.Answer(context, request.Number == 1 ? StatusCodes.Status429TooManyRequests : 200));
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.Delivered], report.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task A_destination_without_a_secret_is_permanent_and_nothing_is_sent()
    {
        await using var receiver = await HttpTestServer.StartAsync((context, _) => HttpTestServer.Answer(context, 200));
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, To(receiver, secret: ""), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Equal("no signing secret configured", attempt.ProviderResponse);
        Assert.Equal(0, receiver.Hits);
    }

    [Fact]
    public async Task A_webhook_over_plain_http_to_another_machine_is_refused_before_anything_is_sent()
    {
        using var host = HostWith();

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("webhook", "http://hooks.example.invalid/ir/TOKEN", Secret),
            TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Contains("webhook http://hooks.example.invalid/… uses plain http", attempt.ProviderResponse, StringComparison.Ordinal);
    }
}
