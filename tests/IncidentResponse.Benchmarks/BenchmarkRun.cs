using System.Diagnostics;
using IncidentResponse.Benchmarks.Ingest;
using IncidentResponse.Benchmarks.Latency;
using IncidentResponse.Benchmarks.Memory;
using IncidentResponse.Benchmarks.Startup;
using IncidentResponse.Benchmarks.Storm;
using IncidentResponse.Benchmarks.Work;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks;

/// <summary>Starts the containers once (as the tests do), runs the chosen scenarios in order, prints and writes the figures.</summary>
public static class BenchmarkRun
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new Results();
        var elapsed = Stopwatch.StartNew();
        var failed = false;
        InfrastructureFixture? infrastructure = null;
        async Task<InfrastructureFixture> Infrastructure()
        {
            if (infrastructure is null)
            {
                Console.WriteLine($"[{elapsed.Elapsed:mm\\:ss}] starting RabbitMQ and PostgreSQL containers");
                infrastructure = new InfrastructureFixture { DirectAddresses = true, DurablePostgres = true, FrequentBrokerStatistics = true };
                await infrastructure.InitializeAsync();
                await infrastructure.StartContainersAsync();
                var durability = await Durability.CheckAsync(infrastructure);
                results.Note("run", durability.ToString());
                results.Summarize("durable", durability.Durable && !durability.OnTmpfs);
                results.Summarize("postgres", new Dictionary<string, string>
                {
                    ["fsync"] = durability.Fsync, ["synchronous_commit"] = durability.SynchronousCommit, ["full_page_writes"] = durability.FullPageWrites,
                    ["dataDirectoryFileSystem"] = durability.FileSystem, ["version"] = durability.Version,
                });
                await WorkCounters.EnableStatementsAsync(await infrastructure.AdminPostgresAsync());
            }

            return infrastructure;
        }

        Console.WriteLine($"IncidentResponse benchmarks, {(options.Quick ? "quick" : "full")} mode, {Environment.ProcessorCount} cores, scenarios: {string.Join(", ", BenchmarkOptions.AllScenarios.Where(options.Scenarios.Contains))}");
        try
        {
            foreach (var scenario in BenchmarkOptions.AllScenarios.Where(options.Scenarios.Contains))
            {
                Console.WriteLine($"[{elapsed.Elapsed:mm\\:ss}] {scenario}");
                switch (scenario)
                {
                    case "startup":
                        await StartupScenario.RunAsync(options, results);
                        break;
                    case "ingest":
                        await IngestScenario.RunAsync(await Infrastructure(), options, results);
                        break;
                    case "latency":
                        await LatencyScenario.RunAsync(await Infrastructure(), options, results);
                        break;
                    case "storm":
                        await EscalationStormScenario.RunAsync(await Infrastructure(), options, results);
                        break;
                    case "memory":
                        await MemoryScenario.RunAsync(await Infrastructure(), options, results);
                        break;
                }
            }
        }
#pragma warning disable CA1031 // The run reports whatever it measured before the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failed = true;
            results.Note("run", $"stopped by {ex.GetType().Name}: {ex.Message}");
            await Console.Error.WriteLineAsync(ex.ToString());
        }
        finally
        {
            if (infrastructure is not null)
            {
                await infrastructure.DisposeAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine(results.Table());
        await results.WriteAsync(options.OutputPath, options, elapsed.Elapsed);
        await results.WriteSummaryAsync(options, elapsed.Elapsed);
        Console.WriteLine($"figures written to {Path.GetFullPath(options.OutputPath)} after {elapsed.Elapsed:mm\\:ss}");
        return failed ? 1 : 0;
    }
}
