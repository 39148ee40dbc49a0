using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.ApiReference;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.KeyRing;
using IncidentResponse.Access.Operations;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Access;

/// <summary>Authentication and authorisation for every Host, whatever its roles.</summary>
public static class AccessModule
{
    /// <summary>The name every Host protects data under, so that all of them read each other's cookies and tokens.</summary>
    public const string DataProtectionApplicationName = "IncidentResponse";

    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<AccessDbContext, SqliteAccessDbContext, PostgresAccessDbContext>(AccessDbContext.SchemaName);
        builder.Services.AddMemoryCache();
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section)
            .Validate(o => o.ApiKeyLifetime >= TimeSpan.Zero, "Bootstrap:ApiKeyLifetime must not be negative (zero: the bootstrap key never expires)")
            .Validate(o => string.IsNullOrWhiteSpace(o.ApiKey) || ApiKeySecret.Weakness(o.ApiKey.Trim()) is null,
                $"Bootstrap:ApiKey must have at least {ApiKeySecret.MinimumLength} characters, at least {ApiKeySecret.MinimumDistinctCharacters} of them different (a random one: openssl rand -base64 32)")
            .ValidateOnStart();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        builder.Services.AddSingleton<IDatabaseSeeder, ApiKeyBootstrapper>();
        builder.Services.AddSingleton<IDatabaseSeeder, AdminBootstrapper>();

        // One key ring in the Access database for every Host: cookies, anti-forgery and console tokens travel between them.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<AccessDbContext>()
            .ProtectKeyRing(builder);
        builder.Services.AddIdentityCore<ConsoleUser>(PasswordRules.Apply)
            .AddRoles<ConsoleRole>()
            .AddEntityFrameworkStores<AccessDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ConsoleUserClaimsFactory>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<ConsoleTokenService>();
        builder.Services.AddScoped<AccountChanges>();
        builder.Services.AddSignInProtection();

        // The API-key scheme stays the default (the JSON API never reads cookies); the console's pages ask for the cookie.
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(ConsoleCookie.Configure));
        builder.Services.AddAuthentication().AddApiReferenceScheme();
        builder.Services.AddAuthorization(AccessPolicies.Add);
        builder.Services.AddAuthorization(ApiReferenceEndpoints.AddPolicy);
        return builder;
    }

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapApiKeyEndpoints().MapUserEndpoints().MapTwoFactorEndpoints().MapAuditLog().MapParkedWork().MapApiReference();

    /// <summary>
    /// Drops Data Protection's hosted service that reads the key ring while the Host starts: that is
    /// before the Access database is migrated, so on a first start it failed with logged errors (no table
    /// yet). The ring is read on first use anyway, after the database is ready. Call it last, just before
    /// the Host is built: every later <c>AddDataProtection</c> (anti-forgery, the console's pages) adds it back.
    /// </summary>
    public static void RemoveKeyRingPreload(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var preloads = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var preload in preloads)
        {
            services.Remove(preload);
        }
    }
}
