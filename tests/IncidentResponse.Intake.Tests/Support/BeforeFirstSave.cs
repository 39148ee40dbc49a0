using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>Runs <paramref name="first"/> once, as the context starts its first save (after what it read, before it writes).</summary>
public sealed class BeforeFirstSave(Func<Task> first) : SaveChangesInterceptor
{
    private int _done;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            await first();
        }

        return result;
    }
}
