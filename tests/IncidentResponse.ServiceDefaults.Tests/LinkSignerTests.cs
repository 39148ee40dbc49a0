using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.ServiceDefaults.Tests;

/// <summary>Signed link tokens: bound to a purpose and a subject, expiring, and refused when altered.</summary>
public sealed class LinkSignerTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ir-links-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private LinkSigner Signer(string? key = null, params string[] previous) => new(
        new ConfigurationBuilder()
            .AddInMemoryCollection(key is null ? [] : [new("Security:LinkSigningKey", key)])
            .AddInMemoryCollection(previous.Select((p, i) => new KeyValuePair<string, string?>($"Security:LinkSigningPreviousKeys:{i}", p)))
            .Build(),
        Options.Create(new DatabaseOptions { DataDirectory = _data }), _time);

    [Fact]
    public void After_a_rotation_links_signed_with_a_previous_key_are_accepted_and_new_ones_use_the_new_key()
    {
        const string Old = "old-deployment-key-0123456789abcdef0123";
        const string New = "new-deployment-key-0123456789abcdef0123";
        var sentBefore = Signer(Old).Sign("acknowledge", "abc123", TimeSpan.FromDays(7));

        var rotated = Signer(New, Old);
        var sentAfter = rotated.Sign("acknowledge", "def456", TimeSpan.FromDays(7));

        Assert.Equal(new LinkCheck("abc123", null), rotated.Check("acknowledge", sentBefore));
        Assert.Equal(new LinkCheck("def456", null), rotated.Check("acknowledge", sentAfter));
        Assert.Equal("bad-signature", Signer(Old).Check("acknowledge", sentAfter).Refusal);
        Assert.Equal("bad-signature", Signer(New).Check("acknowledge", sentBefore).Refusal);
        Assert.Equal("bad-signature", rotated.Check("unsubscribe", sentBefore).Refusal);
        _time.Advance(TimeSpan.FromDays(8));
        Assert.Equal("expired", rotated.Check("acknowledge", sentBefore).Refusal);
    }

    [Fact]
    public void A_previous_key_must_be_long_enough_too() =>
        Assert.Contains("LinkSigningPreviousKeys:0", Assert.Throws<InvalidOperationException>(() => Signer("new-deployment-key-0123456789abcdef0123", "short")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_token_names_its_subject_until_it_expires()
    {
        var signer = Signer();
        var token = signer.Sign("acknowledge", "abc123", TimeSpan.FromHours(1));

        Assert.Equal(new LinkCheck("abc123", null), signer.Check("acknowledge", token));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(signer.Check("acknowledge", token).Valid);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new LinkCheck("abc123", "expired"), signer.Check("acknowledge", token));
    }

    [Theory]
    [InlineData("forged-token-123")]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("abc123.99999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_forged_token_is_refused(string token) => Assert.False(Signer().Check("acknowledge", token).Valid);

    [Fact]
    public void A_changed_subject_expiry_or_purpose_is_refused()
    {
        var signer = Signer();
        var token = signer.Sign("acknowledge", "abc123", TimeSpan.FromHours(1));
        var parts = token.Split('.');

        Assert.Equal("bad-signature", signer.Check("acknowledge", $"abc124.{parts[1]}.{parts[2]}").Refusal);
        Assert.Equal("bad-signature", signer.Check("acknowledge", $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[2]}").Refusal);
        Assert.Equal("bad-signature", signer.Check("unsubscribe", token).Refusal);
    }

    [Fact]
    public void Without_a_configured_key_one_is_made_once_and_kept_in_the_data_directory()
    {
        var token = Signer().Sign("acknowledge", "abc123", TimeSpan.FromHours(1));

        Assert.True(File.Exists(Path.Combine(_data, "link-signing.key")));
        Assert.True(Signer().Check("acknowledge", token).Valid);
        Assert.Equal("bad-signature", Signer("another-deployment-key-0123456789abcdef").Check("acknowledge", token).Refusal);
    }

    [Fact]
    public void A_configured_key_is_shared_by_every_Host_and_must_be_long_enough()
    {
        const string Key = "shared-deployment-key-0123456789abcdef";
        var token = Signer(Key).Sign("acknowledge", "abc123", TimeSpan.FromHours(1));

        Assert.True(Signer(Key).Check("acknowledge", token).Valid);
        Assert.False(Directory.Exists(_data));
        Assert.Throws<InvalidOperationException>(() => Signer("too-short"));
    }
}
