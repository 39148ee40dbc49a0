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
                throw new TimeoutException($"{what ?? "condition"} not met in time; last value: {Describe(last)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A list is shown by its elements, so that a failure says what was there.</summary>
    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join("; ", items.Cast<object?>().Select(i => i?.ToString())) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static class DateTimeOffsetSource
    {
        public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();
    }
}
