using IncidentResponse.Access;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.KeyRing;
using IncidentResponse.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>The Data Protection key ring in the Access database is encrypted with a certificate kept outside it.</summary>
public sealed class KeyRingAtRestTests
{
    private const string Purpose = "key-ring-test";

    [Fact]
    public async Task The_embedded_key_ring_holds_no_plaintext_master_key_and_its_certificate_is_private_to_the_owner()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path));
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var secret = protector.Protect("bí mật");

        var rows = await RawKeyRingAsync(host);

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
        });
        Assert.Equal("bí mật", protector.Unprotect(secret));
        var certificate = Path.Combine(data.Path, KeyRingProtection.GeneratedFileName);
        Assert.True(File.Exists(certificate));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
        }
    }

    [Fact]
    public async Task A_configured_certificate_encrypts_the_ring_and_a_Host_without_it_cannot_read_the_keys()
    {
        using var data = new TempDirectory();
        var pfx = TestSecrets.MakeCertificate(Path.Combine(data.Path, "configured.pfx"), "pfx-password");
        var settings = new Dictionary<string, string>
        {
            ["Security:DataProtection:CertificatePath"] = pfx,
            ["Security:DataProtection:CertificatePassword"] = "pfx-password",
        };
        string secret;
        await using (var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings))
        {
            secret = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("payload");
            Assert.All(await RawKeyRingAsync(host), xml => Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal));
        }

        Assert.False(File.Exists(Path.Combine(data.Path, KeyRingProtection.GeneratedFileName)), "a configured certificate is used, none is generated");
        await using (var stranger = await TestHost.StartAsync(new EmbeddedDeployment(data.Path)))
        {
            var protector = stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(secret));
        }
    }

    [Fact]
    public async Task Keys_written_before_the_ring_was_encrypted_still_open_what_they_protected()
    {
        using var data = new TempDirectory();
        using var old = new TempDirectory();
        // A key as an earlier version wrote it: in clear, for the same application.
        var before = DataProtectionProvider.Create(new DirectoryInfo(old.Path), b => b.SetApplicationName(AccessModule.DataProtectionApplicationName));
        var secret = before.CreateProtector(Purpose).Protect("trước khi mã hóa");
        var plainKey = await File.ReadAllTextAsync(Directory.GetFiles(old.Path, "key-*.xml").Single(), TestContext.Current.CancellationToken);
        Assert.Contains("<value>", plainKey, StringComparison.Ordinal);

        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "old", Xml = plainKey });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        Assert.Equal("trước khi mã hóa", protector.Unprotect(secret));
    }

    private static async Task<List<string>> RawKeyRingAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync(TestContext.Current.CancellationToken);
    }
}
