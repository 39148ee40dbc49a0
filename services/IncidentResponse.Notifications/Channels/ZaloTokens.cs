using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The Zalo OA access token, refreshed with the OAuth refresh token (<c>POST {OAuthBaseUrl}v4/oa/access_token</c>,
/// header <c>secret_key</c>, form <c>refresh_token</c>, <c>app_id</c>, <c>grant_type=refresh_token</c>) a few minutes
/// before it expires or when Zalo refuses it. A refresh token works once, so the newest pair is kept in the database
/// (<see cref="ProviderToken"/>) for every Host, encrypted with the Hosts' Data Protection key ring
/// (<see cref="ProviderTokenSecrets"/>); a Host that loses a refresh race reads the winner's.
/// </summary>
public sealed partial class ZaloTokens(
    IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<ZaloOptions> options, ProviderTokenSecrets secrets, TimeProvider time,
    ILogger<ZaloTokens> logger) : IDisposable
{
    public const string Provider = "zalo";
    public const string HttpClientName = "notifications-zalo";

    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;
    private string? _refused;

    /// <summary>A usable access token, or why there is none (transient when Zalo could not be reached).</summary>
    public async Task<(string? Token, ChannelResult? Failure)> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Usable(_cached) is { } fast)
        {
            return (fast, null);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_cached) is { } cached)
            {
                return (cached, null);
            }

            var settings = options.Value;
            if (string.IsNullOrWhiteSpace(settings.RefreshToken) || string.IsNullOrWhiteSpace(settings.AppId) || string.IsNullOrWhiteSpace(settings.SecretKey))
            {
                return (null, ChannelResult.Permanent("Zalo not configured (AppId, SecretKey, RefreshToken)"));
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var seed = Fingerprint(settings.RefreshToken);
            var row = await db.ProviderTokens.FirstOrDefaultAsync(t => t.Provider == Provider, cancellationToken);
            var kept = row is not null && row.SeededFrom == seed ? Reveal(row) : null;
            if (kept is { } k && Usable((k.AccessToken, row!.AccessTokenExpiresAt)) is { } stored)
            {
                _cached = (stored, row.AccessTokenExpiresAt);
                return (stored, null);
            }

            var refreshToken = kept?.RefreshToken ?? settings.RefreshToken;
            var (fresh, failure) = await RefreshAsync(settings, refreshToken, cancellationToken);
            if (fresh is null)
            {
                // Another Host may have used the same refresh token a moment ago: its tokens are in the database.
                db.ChangeTracker.Clear();
                var again = await db.ProviderTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Provider == Provider, cancellationToken);
                if (again is not null && Reveal(again) is { } revealed && revealed.RefreshToken != refreshToken
                    && Usable((revealed.AccessToken, again.AccessTokenExpiresAt)) is { } theirs)
                {
                    _cached = (theirs, again.AccessTokenExpiresAt);
                    return (theirs, null);
                }

                return (null, failure);
            }

            var now = time.GetUtcNow();
            if (row is null)
            {
                row = new ProviderToken { Provider = Provider, AccessToken = "", RefreshToken = "", SeededFrom = seed };
                db.ProviderTokens.Add(row);
            }

            (row.AccessToken, row.RefreshToken, row.AccessTokenExpiresAt, row.SeededFrom, row.UpdatedAt) =
                (secrets.Protect(fresh.Value.AccessToken), secrets.Protect(fresh.Value.RefreshToken), now + fresh.Value.Lifetime, seed, now);
            row.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                LogStoreRace(logger); // another Host stored its pair at the same moment; this access token still works until it expires
            }

            _cached = (fresh.Value.AccessToken, now + fresh.Value.Lifetime);
            _refused = null;
            return (fresh.Value.AccessToken, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored pair in clear, or null when this Host's key ring cannot open it (then the configured refresh token is tried).</summary>
    private (string AccessToken, string RefreshToken)? Reveal(ProviderToken row)
    {
        if (secrets.TryReveal(row.AccessToken, out var access) && secrets.TryReveal(row.RefreshToken, out var refresh))
        {
            return (access, refresh);
        }

        LogUnreadable(logger);
        return null;
    }

    /// <summary>Zalo refused <paramref name="token"/>: the next try refreshes first.</summary>
    public void Refused(string token)
    {
        _refused = token;
        if (_cached?.Token == token)
        {
            _cached = null;
        }
    }

    private string? Usable((string Token, DateTimeOffset ExpiresAt)? candidate) =>
        candidate is { } c && c.Token.Length > 0 && c.Token != _refused && c.ExpiresAt - time.GetUtcNow() > Margin ? c.Token : null;

    private async Task<((string AccessToken, string RefreshToken, TimeSpan Lifetime)? Fresh, ChannelResult? Failure)> RefreshAsync(
        ZaloOptions settings, string refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.OAuthBaseUrl, "v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["refresh_token"] = refreshToken, ["app_id"] = settings.AppId!, ["grant_type"] = "refresh_token",
            }),
        };
        request.Headers.TryAddWithoutValidation("secret_key", settings.SecretKey);
        var (answer, failure) = await HttpDelivery.ExchangeAsync(clients.CreateClient(HttpClientName), request, cancellationToken);
        if (answer is null)
        {
            return (null, ChannelResult.Transient("Zalo token refresh: " + failure!.ProviderResponse));
        }

        if (HttpDelivery.OutcomeOf(answer.Status) != AttemptOutcome.Delivered)
        {
            return (null, new ChannelResult(HttpDelivery.OutcomeOf(answer.Status), "Zalo token refresh: " + answer.Line));
        }

        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            if (Text(root, "access_token") is { Length: > 0 } access && Text(root, "refresh_token") is { Length: > 0 } next)
            {
                var seconds = Text(root, "expires_in") is { } e && int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 3600;
                return ((access, next, TimeSpan.FromSeconds(seconds)), null);
            }

            // Never the body itself on the record: a partial answer could carry a token.
            var error = Text(root, "error") ?? "?";
            LogRefreshRefused(logger, error);
            return (null, ChannelResult.Permanent($"Zalo refused the refresh token (error {error}); authorise the app on the OA again and set Notifications:Zalo:RefreshToken"));
        }
        catch (JsonException)
        {
            return (null, ChannelResult.Transient("Zalo token refresh: " + answer.Line + ": not JSON"));
        }
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    /// <summary>Which configured refresh token the stored pair descends from, without storing it.</summary>
    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo refused the OA refresh token (error {Error}); the app must be authorised on the OA again")]
    private static partial void LogRefreshRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored Zalo tokens cannot be decrypted with this Host's key ring; trying the configured refresh token")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another Host stored new Zalo tokens at the same moment; keeping theirs")]
    private static partial void LogStoreRace(ILogger logger);
}
