using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks.Ingest;

/// <summary>
/// Files reports through the public HTTP API as partner systems would: each report names its own
/// system and observable (nothing correlates by accident) and carries a token the notification repeats.
/// The report is a DDoS on a provincial portal of security level 3: severity High, not legally serious, so the
/// routing rules engage five units (the owner, the Police, the national coordinator, the ISP, the department),
/// as many as B3 sends e-mails. With <c>serious</c> the portal is of level 4: a serious incident, eight units,
/// the legal initial report and its duties (printed beside, without a target).
/// </summary>
public sealed class ReportLoad : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly int _securityLevel;
    private int _sequence;

    public ReportLoad(Uri baseAddress, int connections, bool serious = false)
    {
        _securityLevel = serious ? 4 : 3;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchDeployment.AdminKey);
    }

    /// <summary>Bytes of one report as sent (the raw baseline moves messages of this size).</summary>
    public static int SampleSize { get; } = Encoding.UTF8.GetByteCount(Body("BNCHsample0000000X", 1, 3));

    /// <summary>Reports answered 202.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Answers other than 202, and transport errors.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Reports a closed loop saw through to the end (its <c>completed</c> returned).</summary>
    public int Completed => Volatile.Read(ref _completed);

    private int _accepted;
    private int _completed;
    private int _refused;

    /// <summary>Files one report; returns its token and the moment (Stopwatch ticks) the 202 arrived, or null when refused.</summary>
    public async Task<(string Token, long AcceptedAt)?> SendAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sequence);
        var token = Token(n);
        using var content = new StringContent(Body(token, n, _securityLevel), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.PostAsync(new Uri("/api/v1/reports", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var at = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _accepted);
                return (token, at);
            }
        }
        catch (HttpRequestException)
        {
            // Counted below.
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A timeout: counted below.
        }

        Interlocked.Increment(ref _refused);
        return null;
    }

    /// <summary>
    /// Closed loop: <paramref name="workers"/> senders, each filing the next report when the last is answered
    /// (and, with <paramref name="completed"/>, once that says the report is through: end to end), for <paramref name="duration"/>.
    /// </summary>
    public async Task RunClosedLoopAsync(int workers, TimeSpan duration, Func<string, Task>? completed = null, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (await SendAsync(stop.Token) is { } sent && completed is not null)
                    {
                        await completed(sent.Token).WaitAsync(stop.Token);
                        Interlocked.Increment(ref _completed);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }));
    }

    /// <summary>
    /// Open loop: report i leaves at start + i / rate whatever happened to the earlier ones (so a slow
    /// system sees the queue grow instead of the load shrinking); returns every accepted report.
    /// </summary>
    public async Task<IReadOnlyList<(string Token, long AcceptedAt)>> RunOpenLoopAsync(double perSecond, TimeSpan duration)
    {
        var accepted = new List<(string, long)>();
        var gate = new object();
        var inFlight = new List<Task>();
        var total = (int)(perSecond * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i / perSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(Task.Run(async () =>
            {
                if (await SendAsync(CancellationToken.None) is { } sent)
                {
                    lock (gate)
                    {
                        accepted.Add(sent);
                    }
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return accepted;
    }

    public static string TokenOf(string text, int start) => text.Substring(start, TokenLength);

    public const string TokenPrefix = "BNCH";

    public const int TokenLength = 18;

    private string Token(int n) => string.Create(CultureInfo.InvariantCulture, $"{TokenPrefix}{_run}{n:D7}X");

    /// <summary>
    /// Detected five minutes before the run, as a report filed promptly is: its 24 h, 72 h and 5-day duties lie
    /// ahead, so the run measures the report's path and not a storm of overdue-duty alerts (a report detected
    /// days ago raises those at once, as it should).
    /// </summary>
    private static readonly string DetectedAt = TimeProvider.System.GetLocalNow().AddMinutes(-5).ToOffset(TimeSpan.FromHours(7))
        .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Body(string token, int n, int securityLevel) => JsonSerializer.Serialize(
        SampleReports.Ddos(token, detectedAt: DetectedAt, securityLevel: securityLevel, observable: string.Create(CultureInfo.InvariantCulture, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}")), Json);

    public void Dispose() => _http.Dispose();
}
