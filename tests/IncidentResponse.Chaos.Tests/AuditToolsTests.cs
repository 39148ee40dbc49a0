using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>The counting the fault tests rely on, on made-up input: it must be able to see a fault.</summary>
public sealed class AuditToolsTests
{
    [Fact]
    public void The_pickup_folder_reads_each_mails_notification_incident_and_time_and_skips_unfinished_files()
    {
        using var folder = new TempDirectory();
        var twice = Guid.NewGuid();
        Write(folder.Path, "20261202T101500123Z-" + twice.ToString("N") + ".eml", twice, "SC-2026-00001");
        Write(folder.Path, "20261202T101731000Z-" + twice.ToString("N") + ".eml", twice, "SC-2026-00001");
        Write(folder.Path, $"20261202T101800000Z-{Guid.NewGuid():N}.eml", Guid.NewGuid(), "SC-2026-00002");
        Write(folder.Path, $".20261202T101900000Z-{Guid.NewGuid():N}.eml.tmp", Guid.NewGuid(), "SC-2026-00003");

        var mails = new PickupFolder(folder.Path).Read();

        Assert.Equal(3, mails.Count);
        Assert.Equal(2, mails.Count(m => m.NotificationId == twice));
        Assert.Equal(["SC-2026-00001", "SC-2026-00002"], mails.Select(m => m.IncidentNumber).Distinct().Order());
        Assert.Contains(mails, m => m.WrittenAt == new DateTimeOffset(2026, 12, 2, 10, 15, 0, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Figures_that_are_not_zero_fail_with_what_was_lost_or_doubled()
    {
        var figures = new PipelineFigures { Scenario = "made-up", Reports = 10, Kills = 5 };
        figures.Accepted = 10;
        figures.Stuck = 2;
        figures.DupMails = 1;
        figures.LongestFirstMailAfterRestart = TimeSpan.FromSeconds(31);

        var failures = figures.Failures(TimeSpan.FromSeconds(30));

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("stuck 2:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("dup-mails 1:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("longest-first-mail-after-restart 31.0 s", StringComparison.Ordinal));
        Assert.Contains("lost=0 stuck=2 doubled=0", figures.Summary, StringComparison.Ordinal);
        Assert.Empty(new PipelineFigures { Scenario = "clean", Reports = 10, Accepted = 10 }.Failures(TimeSpan.FromSeconds(30)));
    }

    private static void Write(string directory, string name, Guid notification, string incident) =>
        File.WriteAllText(Path.Combine(directory, name),
            $"From: ir@example.invalid\r\nX-IR-Notification-Id: {notification:D}\r\nX-IR-Incident: {incident}\r\nSubject: t\r\n\r\nbody\r\n");
}
