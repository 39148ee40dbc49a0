using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>Notifications has the notice of a clock's alert: it is not sent again by <see cref="DeadlineAlertResender"/>.</summary>
public sealed class DeadlineAlertAnsweredConsumer(EscalationDbContext db) : IConsumer<LegalDeadlineAlertAnswered>
{
    public async Task Consume(ConsumeContext<LegalDeadlineAlertAnswered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        await db.DeadlineClocks
            .Where(c => c.IncidentId == m.IncidentId && c.DeadlineId == m.DeadlineId && c.AlertOwed == m.Stage)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AlertOwed, (string?)null), context.CancellationToken);
    }
}
