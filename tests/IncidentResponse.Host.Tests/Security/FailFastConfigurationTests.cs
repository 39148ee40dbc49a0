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
