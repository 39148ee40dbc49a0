namespace IncidentResponse.Testing;

/// <summary>Waits for something that happens asynchronously (a message consumed), failing with what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffsetSource.Now + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            if (DateTimeOffsetSource.Now > deadline)
            {
                throw new TimeoutException($"{what ?? "condition"} not met in time; last value: {last}");
            }

            await Task.Delay(50);
        }
    }

    private static class DateTimeOffsetSource
    {
        public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();
    }
}
