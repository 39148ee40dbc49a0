using System.Text;
using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Tests.Channels;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"notificationId":"x","title":"Cổng dịch vụ công"}""");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_signature_is_lowercase_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        var stamp = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("s3cret"), (byte[])[.. Encoding.ASCII.GetBytes($"{stamp}."), .. Body]));

        Assert.Equal($"sha256={expected}", WebhookSignature.Compute("s3cret", stamp, Body));
    }

    [Fact]
    public void A_signature_verifies_with_the_same_secret_only()
    {
        var stamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute("s3cret", stamp, Body);

        Assert.True(WebhookSignature.Verify("s3cret", $"{stamp}", signature, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify("s3cret", $"{stamp}", signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("other", $"{stamp}", signature, Body, Now, Tolerance));
    }

    [Fact]
    public void During_a_rotation_a_receiver_verifies_with_either_secret_and_a_third_is_refused()
    {
        var stamp = Now.ToUnixTimeSeconds();
        var current = WebhookSignature.Compute("new-secret", stamp, Body);
        var previous = WebhookSignature.Compute("old-secret", stamp, Body);

        Assert.True(WebhookSignature.Verify("new-secret", $"{stamp}", current, previous, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify("old-secret", $"{stamp}", current, previous, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("old-secret", $"{stamp}", current, Body, Now, Tolerance)); // a receiver that reads one header only
        Assert.False(WebhookSignature.Verify("other", $"{stamp}", current, previous, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify("new-secret", $"{stamp}", current, null, Body, Now, Tolerance)); // no rotation under way
        Assert.False(WebhookSignature.Verify("old-secret", $"{stamp}", current, previous, Body, Now.AddHours(1), Tolerance)); // still a replay
    }

    [Fact]
    public void A_changed_body_a_changed_timestamp_or_a_stale_timestamp_fails()
    {
        var stamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute("s3cret", stamp, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;

        Assert.False(WebhookSignature.Verify("s3cret", $"{stamp}", signature, tampered, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", $"{stamp + 1}", signature, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", $"{stamp}", signature, Body, Now.AddMinutes(6), Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", null, signature, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", $"{stamp}", "sha256=zz", Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", $"{stamp}", signature[7..], Body, Now, Tolerance));
    }
}
