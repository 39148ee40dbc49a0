using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Testing;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// Why an on-call target paged nobody, in words people read: the engaged unit by its name, another unit by its schedule's name;
/// the schedule's id too, which is what the operator looks for in the schedules file to mend the gap.
/// </summary>
public sealed class TargetResolverTests
{
    [Fact]
    public void Nobody_on_call_names_the_schedule_and_the_engaged_unit_rather_than_codes_alone()
    {
        using var rules = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Rules", "schedules-2026.1.yaml"), Path.Combine(rules.Path, "schedules-2026.1.yaml"));
        var resolver = new TargetResolver(new ScheduleBook(rules.Path));
        var beforeAnyRotation = DateTimeOffset.Parse("2026-01-02T00:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture); // layers start on 5 January

        var (targets, skipped) = resolver.Resolve(
            [new StepTarget { Oncall = "bcd-bn" }, new StepTarget { Oncall = StepTarget.Self }], "vnpt-bn", beforeAnyRotation, ("Viễn thông Bắc Ninh", "VNPT Bắc Ninh"));

        Assert.Empty(targets);
        Assert.Equal(
            ["không có ai trực theo lịch «Trực thường trực Ban Chỉ đạo ứng cứu sự cố tỉnh Bắc Ninh» (bcd-bn-standing) của đơn vị bcd-bn",
             "không có ai trực tại Viễn thông Bắc Ninh (lịch «Trực SOC VNPT Bắc Ninh», vnpt-bn-soc)"],
            skipped.Select(s => s.Vi));
        Assert.Equal("nobody on call in the schedule “Bắc Ninh Steering Committee standing on-call” (bcd-bn-standing) of unit bcd-bn", skipped[0].En);
    }
}
