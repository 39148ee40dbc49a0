using IncidentResponse.Benchmarks;
using IncidentResponse.Benchmarks.Memory;
using IncidentResponse.Benchmarks.Startup;

// The load generator, the sinks and the raw baselines run with the socket setting the Host ships with: completions on
// the thread pool, the runtime's default (services/IncidentResponse.Host/SocketCompletions.cs).

// ./bench.sh [--quick] [--only ingest,latency,storm,memory,startup] [--out results.json]
// A child process started by the memory scenario runs the Host alone: --host-child <settings…>.
if (args.Length > 0 && args[0] == HostChild.Verb)
{
    return await HostChild.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == BareServer.Verb)
{
    return await BareServer.RunAsync(args[1..]);
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(BenchmarkOptions.Usage);
    return 2;
}

return await BenchmarkRun.RunAsync(options);
