using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>One report as the careful client filed it: its key, and every report id an answer gave for that key.</summary>
internal sealed class Filing(int index, string key, string title, string classification, bool asksTwice)
{
    private readonly List<Guid> _ids = [];

    public int Index { get; } = index;

    public string Key { get; } = key;

    public string Title { get; } = title;

    public string Classification { get; } = classification;

    /// <summary>Asks again after the first 2xx, as a client that did not see the answer would; must get the same id.</summary>
    public bool AsksTwice { get; } = asksTwice;

    public int Attempts { get; set; }

    /// <summary>When the first 2xx answer arrived.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }

    public Guid? ReportId
    {
        get
        {
            lock (_ids)
            {
                return _ids.Count == 0 ? null : _ids[0];
            }
        }
    }

    /// <summary>Every distinct report id the answers for this key named (more than one: the key produced two reports).</summary>
    public IReadOnlyList<Guid> ReportIds
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids];
            }
        }
    }

    public void Answered(Guid reportId, DateTimeOffset at)
    {
        lock (_ids)
        {
            AcceptedAt ??= at;
            if (!_ids.Contains(reportId))
            {
                _ids.Add(reportId);
            }
        }
    }
}

/// <summary>
/// Files reports the way a careful client does (as the acceptance driver does): one Idempotency-Key per
/// report, the same body on every try, retried until a 2xx answer, and a fifth of them asked again after
/// that. Reports are started at a steady rate whatever happens to the Host.
/// </summary>
internal sealed class CarefulClient(Uri baseAddress, string apiKey, string run, Random random)
{
    private static readonly string[] RoutedClasses =
        ["availability:ddos", "availability:outage", "intrusions:system-compromise", "fraud:phishing"];

    private static readonly string[] Impacts = ["low", "medium", "high"];

    private readonly ConcurrentDictionary<string, Filing> _filings = new();
    private readonly ConcurrentDictionary<int, int> _answers = new();
    private int _next;

    /// <summary>How long one report is tried before the client gives up on it.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyCollection<Filing> Filings => [.. _filings.Values.OrderBy(f => f.Index)];

    /// <summary>Answers by HTTP status (0: no answer).</summary>
    public string Answers => string.Join(' ', _answers.OrderBy(a => a.Key).Select(a => $"{a.Key}:{a.Value}"));

    /// <summary>Files <paramref name="count"/> reports, started at <paramref name="perSecond"/>; ends when each was accepted or given up.</summary>
    public async Task FileAsync(int count, double perSecond, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };
        var started = TimeProvider.System.GetUtcNow();
        var filings = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var due = started + TimeSpan.FromSeconds(i / perSecond);
            var wait = due - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            filings.Add(FileOneAsync(http, NewFiling(), cancellationToken));
        }

        await Task.WhenAll(filings);
    }

    /// <summary>Files one report now and returns it once accepted (or given up).</summary>
    public async Task<Filing> FileOneAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
        var filing = NewFiling();
        await FileOneAsync(http, filing, cancellationToken);
        return filing;
    }

    private Filing NewFiling()
    {
        lock (random)
        {
            var index = Interlocked.Increment(ref _next);
            var filing = new Filing(
                index,
                $"chaos-{run}-{index:D5}",
                $"Sự cố thử nghiệm {run} #{index:D5}",
                RoutedClasses[random.Next(RoutedClasses.Length)],
                random.NextDouble() < 0.2);
            _filings[filing.Key] = filing;
            return filing;
        }
    }

    private async Task FileOneAsync(HttpClient http, Filing filing, CancellationToken cancellationToken)
    {
        var body = Body(filing);
        var giveUp = TimeProvider.System.GetUtcNow() + GiveUpAfter;
        while (TimeProvider.System.GetUtcNow() < giveUp)
        {
            var id = await PostAsync(http, filing, body, cancellationToken);
            if (id is { } reportId)
            {
                filing.Answered(reportId, TimeProvider.System.GetUtcNow());
                if (filing.AsksTwice && await PostAsync(http, filing, body, cancellationToken) is { } again)
                {
                    filing.Answered(again, TimeProvider.System.GetUtcNow());
                }

                return;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private async Task<Guid?> PostAsync(HttpClient http, Filing filing, string body, CancellationToken cancellationToken)
    {
        filing.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/reports", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add("Idempotency-Key", filing.Key);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            _answers.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return answer.RootElement.GetProperty("reportId").GetGuid();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _answers.AddOrUpdate(0, 1, (_, n) => n + 1);
            return null;
        }
    }

    /// <summary>A distinct report (own system name, so triage opens one incident for each) of a class that routing sends to a unit.</summary>
    private string Body(Filing filing)
    {
        int level;
        string functional;
        lock (random)
        {
            level = random.Next(1, 6);
            functional = Impacts[random.Next(Impacts.Length)];
        }

        return JsonSerializer.Serialize(new
        {
            title = filing.Title,
            description = "Kiểm thử khôi phục sau sự cố / recovery test",
            classification = filing.Classification,
            detectedAt = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            affectedSystem = new { name = $"Hệ thống {run}-{filing.Index:D5}", securityLevel = level, isp = "VNPT" },
            impact = new { functional, serviceInterrupted = filing.Index % 2 == 0, ownerCanHandle = filing.Index % 3 == 0 },
        }, ApiClient.Json);
    }
}
