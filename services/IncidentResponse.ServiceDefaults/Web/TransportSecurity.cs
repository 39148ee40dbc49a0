using System.Net;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// HTTPS behind a TLS-terminating proxy: the forwarded client address and scheme are taken only from
/// the proxies of <see cref="ProxyOptions"/>, first thing in the pipeline; when the public address is
/// https, responses over TLS carry HSTS and the sign-in cookies are marked Secure, as they also are on
/// any request that came over TLS. SameSite and HttpOnly stay as each cookie sets them. (The anti-forgery
/// cookie stays Secure per request: forced, ASP.NET Core refuses every form served over plain HTTP.)
/// </summary>
public static class TransportSecurity
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Parse<IPAddress>(p, (string t, out IPAddress v) => IPAddress.TryParse(t, out v!), "KnownProxies")).ToList();
        var networks = proxy.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Parse<System.Net.IPNetwork>(n, (string t, out System.Net.IPNetwork v) => System.Net.IPNetwork.TryParse(t, out v), "KnownNetworks")).ToList();
        var https = PublicAddress.IsHttps(builder.Configuration);
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        builder.Services.AddHsts(o => o.MaxAge = HstsMaxAge);
        var policy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = policy);
        builder.Services.AddSingleton<IStartupFilter>(new Early(proxies.Count + networks.Count > 0, https));
        return builder;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Parse<T>(string text, TryParse<T> parse, string setting) =>
        parse(text.Trim(), out var value)
            ? value
            : throw new InvalidOperationException($"{ProxyOptions.Section}:{setting} has '{text}', which is not an IP address{(setting == "KnownNetworks" ? " range like 10.0.0.0/24" : "")}");

    /// <summary>Runs before everything the Host's own pipeline does, so that every later step sees the client's address and scheme.</summary>
    private sealed class Early(bool forwarded, bool hsts) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (forwarded)
            {
                app.UseForwardedHeaders();
            }

            if (hsts)
            {
                app.UseHsts();
            }

            next(app);
        };
    }
}
