using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Configuration;

/// <summary>
/// At start-up, records each directory, routing and disclosure version in the database; a file whose
/// text changed under the same version is refused (the Host does not become ready and says which file).
/// </summary>
public sealed class RuleVersionRecorder(NotificationRules rules, TimeProvider time) : IDatabaseSeeder
{
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var files = rules.AllFiles.Select(f => new LoadedRuleFile(f.Kind, f.Version, f.FileName, f.Text));
        return services.GetRequiredService<NotificationsDbContext>().RecordAsync(files, time.GetUtcNow(), cancellationToken);
    }
}
