using System.Text.Encodings.Web;
using System.Text.Unicode;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.WebEncoders;

namespace IncidentResponse.Web.Console;

/// <summary>The console's wiring: Razor Pages of this library, their authorisation, anti-forgery, the typed API client.</summary>
public static class ConsoleSetup
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddAuthorization(ConsolePolicies.Add);
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/", ConsolePolicies.SignedIn);
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AuthorizePage("/Account/Logout", ConsolePolicies.SignedIn);
                options.Conventions.AuthorizeFolder("/Admin", ConsolePolicies.Administer);
                options.Conventions.AuthorizePage("/Incidents/Evidence", ConsolePolicies.Manage); // refused before its large body is read
            })
            .ConfigureApplicationPartManager(AddThisAssembly);
        // Vietnamese letters stay letters in the HTML (the default encoder turns them into entities).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ir-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddConsoleSignIn();
        services.AddHttpContextAccessor();
        services.AddSingleton<ConsoleApiAddress>();
        services.AddSingleton<IHtmlStatusPage, ConsoleStatusPage>();
        services.AddHttpClient<ConsoleApi>(c => c.Timeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapConsoleAssets();
        endpoints.MapRazorPages();
        return endpoints;
    }

    /// <summary>Pages and compiled views of this library, once, whichever assembly is the entry point (the Host, a test).</summary>
    private static void AddThisAssembly(ApplicationPartManager manager)
    {
        var assembly = typeof(ConsoleSetup).Assembly;
        var factory = ApplicationPartFactory.GetApplicationPartFactory(assembly);
        foreach (var part in factory.GetApplicationParts(assembly))
        {
            if (!manager.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
            {
                manager.ApplicationParts.Add(part);
            }
        }
    }
}
