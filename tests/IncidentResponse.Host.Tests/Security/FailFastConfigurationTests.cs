using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>A distributed deployment without what every Host must share, or without an address to build links from, does not start.</summary>
public sealed class FailFastConfigurationTests
{
    private static readonly string[] Distributed =
    [
        "--Database:Provider=Postgres",
        "--Database:ConnectionString=Host=127.0.0.1;Database=x;Username=x;Password=x",
        "--Messaging:Transport=RabbitMq",
        "--urls=http://127.0.0.1:0",
    ];

    private static InvalidOperationException Refusal(params string[] args) =>
        Assert.Throws<InvalidOperationException>(() => IncidentResponseHost.Build(args));

    [Fact]
    public void A_distributed_Host_without_a_link_signing_key_refuses_to_start_and_says_what_to_set()
    {
        var refusal = Refusal([.. Distributed, $"--Security:DataProtection:CertificatePath={TestSecrets.CertificatePath}", $"--Security:DataProtection:CertificatePassword={TestSecrets.CertificatePassword}"]);

        Assert.Contains("set Security__LinkSigningKey", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DataProtection", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_distributed_Host_without_a_key_ring_certificate_refuses_to_start_and_says_what_to_set()
    {
        var refusal = Refusal([.. Distributed, $"--Security:LinkSigningKey={TestSecrets.LinkSigningKey}"]);

        Assert.Contains("set Security__DataProtection__CertificatePath", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LinkSigningKey", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://10.1.2.3:8080")]
    public void A_distributed_Host_listening_on_an_address_partners_cannot_open_needs_a_public_base_url(string urls)
    {
        var refusal = Refusal([.. Distributed, $"--urls={urls}", .. TestSecrets.Settings.Select(kv => $"--{kv.Key}={kv.Value}")]);

        Assert.Contains("Notifications__PublicBaseUrl", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_setting_still_holding_the_template_s_placeholder_stops_the_Host_and_migrate_naming_the_setting_not_its_value(bool migrate)
    {
        using var data = new TempDirectory();
        string[] placeholders =
        [
            "--Security:LinkSigningKey=REPLACE-link-signing-key-at-least-32-characters",
            "--Bootstrap:ApiKey=REPLACE-first-coordinator-api-key",
            "--Messaging:RabbitMqUri=amqp://incidentresponse:REPLACE-rabbitmq-password@ir-rabbitmq:5672/incidentresponse",
        ];

        var refusal = Refusal([.. migrate ? ["migrate"] : Array.Empty<string>(), "--urls=http://127.0.0.1:0", $"--Database:DataDirectory={data.Path}", .. placeholders]);

        Assert.Contains("placeholder", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Security__LinkSigningKey", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Bootstrap__ApiKey", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Messaging__RabbitMqUri", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rabbitmq-password", refusal.Message, StringComparison.Ordinal); // names, never values
        Assert.DoesNotContain("first-coordinator", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_placeholder_of_the_kubernetes_and_compose_templates_is_recognised_and_real_values_are_not()
    {
        // The Secret's template, and the settings a deployment must make its own (its public address, proxy network, mail).
        var settings = File.ReadAllLines(Path.Combine(Docs.RepositoryDocs.Root, "infra/kubernetes/base/settings.yaml"));
        Assert.True(settings.Count(l => l.Contains("REPLACE-", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#')) >= 4,
            "settings.yaml: the public address, proxy network, mail server and sender are the site's to set");
        var template = File.ReadAllLines(Path.Combine(Docs.RepositoryDocs.Root, "infra/kubernetes/secrets/secrets.template.yaml")).Concat(settings).ToList();
        var values = template.Where(l => l.Contains("REPLACE-", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).ToList();
        var compose = File.ReadAllLines(Path.Combine(Docs.RepositoryDocs.Root, "infra/compose/.env.example")).Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
        // Compose's secrets reach the Host as they are (keys) or inside an address (passwords): placeholders, or left empty.
        Assert.DoesNotContain(compose, v => v.Contains("change-me", StringComparison.OrdinalIgnoreCase));
        values.AddRange(compose.Where(v => v.Contains("REPLACE-", StringComparison.Ordinal)));

        Assert.True(values.Count >= 24, $"{values.Count} placeholders in the templates");
        Assert.All(values, v => Assert.True(IncidentResponse.ServiceDefaults.Deployment.Placeholders.IsPlaceholder(v), v));
        Assert.False(IncidentResponse.ServiceDefaults.Deployment.Placeholders.IsPlaceholder("Host=ir-postgres-rw;Username=ir_web;Password=Xq7-REPLACE"));
        Assert.False(IncidentResponse.ServiceDefaults.Deployment.Placeholders.IsPlaceholder(TestSecrets.LinkSigningKey));
    }

    [Fact]
    public void Even_the_embedded_Host_refuses_a_listening_address_no_link_can_be_built_from()
    {
        using var data = new TempDirectory();

        var refusal = Refusal(["--urls=http://+:8080", $"--Database:DataDirectory={data.Path}"]);

        Assert.Contains("set Notifications:PublicBaseUrl", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Host_process_exits_with_the_message_instead_of_failing_later()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await IncidentResponseHost.RunAsync([.. Distributed]);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(2, exit);
        Assert.Contains("cannot start", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Security__LinkSigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_distributed_configuration_passes_the_checks()
    {
        await using var app = IncidentResponseHost.Build(
            [.. Distributed, "--urls=http://+:8080", "--Notifications:PublicBaseUrl=https://ir.example.invalid/", .. TestSecrets.Settings.Select(kv => $"--{kv.Key}={kv.Value}")]);

        Assert.NotNull(app);
    }
}
