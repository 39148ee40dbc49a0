namespace IncidentResponse.Benchmarks.Work;

/// <summary>Prints the work of a measurement per report, in total and per service, and gives it to summary.json.</summary>
public static class WorkReport
{
    /// <summary>Adds the per-report figures of <paramref name="work"/> over <paramref name="reports"/> reports; returns them for the summary.</summary>
    public static Dictionary<string, object?> Describe(Results results, string scenario, string label, WorkDelta work, int reports)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(work);
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal) { ["reports"] = reports, ["seconds"] = Math.Round(work.Seconds, 1) };
        if (reports <= 0)
        {
            results.Note(scenario, $"{label}: no report, no work figure");
            return summary;
        }

        double Per(string name) => work[name] / reports;
        var transactions = Per("total.transactions");
        var rows = Per("total.rows");
        var messages = Per("total.messages");
        var deliveries = Per("total.deliveries");
        var cpu = Per("cpu.host") + Per("cpu.postgres") + Per("cpu.rabbitmq");
        results.Add(new Figure(scenario, $"{label}: database transactions per report", transactions, "xacts"));
        results.Add(new Figure(scenario, $"{label}: rows written per report", rows, "rows"));
        results.Add(new Figure(scenario, $"{label}: messages published per report", messages, "msgs"));
        results.Add(new Figure(scenario, $"{label}: queue deliveries per report", deliveries, "deliveries"));
        results.Add(new Figure(scenario, $"{label}: CPU per report (Host + PostgreSQL + RabbitMQ)", cpu, "ms"));
        var walKb = Per("total.walBytes") / 1024;
        results.Add(new Figure(scenario, $"{label}: WAL written per report", walKb, "KB"));
        results.Note(scenario, $"{label}: WAL per report {Results.Format(walKb)} KB, {Results.Format(Per("total.walFullPages"))} of its records full-page images");
        results.Note(scenario, $"{label}: CPU ms per report: Host {Results.Format(Per("cpu.host"))}, PostgreSQL {Results.Format(Per("cpu.postgres"))}, "
            + $"RabbitMQ {Results.Format(Per("cpu.rabbitmq"))}, load generator and sinks {Results.Format(Per("cpu.bench"))}");
        var allocatedKb = Per("alloc.host") / 1024;
        results.Note(scenario, $"{label}: Host garbage per report: {Results.Format(allocatedKb)} KB allocated, GC pauses {Results.Format(Per("gcpause.host"))} ms");
        var services = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var schema in HostUnderTest.Schemas)
        {
            services[schema] = new Dictionary<string, double>
            {
                ["rowsWritten"] = Round(Per($"rows.{schema}")),
                ["explicitTransactions"] = Round(Per($"explicit.{schema}")),
                ["statements"] = Round(Per($"statements.{schema}")),
                ["statementMs"] = Round(Per($"dbms.{schema}")),
            };
        }

        var explicitTotal = HostUnderTest.Schemas.Sum(s => Per($"explicit.{s}"));
        results.Note(scenario, $"{label}, per service per report (rows written by its schema; explicit transactions, statements and statement ms by its role): "
            + string.Join("; ", HostUnderTest.Schemas.Select(s => $"{s} {Results.Format(Per($"rows.{s}"))} rows, {Results.Format(Per($"explicit.{s}"))} explicit xacts, "
                + $"{Results.Format(Per($"statements.{s}"))} stmts, {Results.Format(Per($"dbms.{s}"))} ms"))
            + $"; implicit (single-statement) transactions of all roles {Results.Format(transactions - explicitTotal)}");
        var tables = work.Group("table.").Where(t => t.Value / reports >= 0.5).OrderByDescending(t => t.Value).ToList();
        results.Note(scenario, $"{label}, rows written per report by table (at least 0.5): "
            + (tables.Count == 0 ? "none" : string.Join(", ", tables.Select(t => $"{t.Name} {Results.Format(t.Value / reports)}"))));
        var published = work.Group("published.").Where(p => p.Value / reports >= 0.005).ToList();
        results.Note(scenario, $"{label}, messages published per report by type: "
            + (published.Count == 0 ? "none" : string.Join(", ", published.Select(p => $"{p.Name} {Results.Format(p.Value / reports)}"))));
        var delivered = work.Group("delivered.").Where(p => p.Value / reports >= 0.005).ToList();
        results.Note(scenario, $"{label}, queue deliveries per report by queue: "
            + (delivered.Count == 0 ? "none" : string.Join(", ", delivered.Select(p => $"{p.Name} {Results.Format(p.Value / reports)}"))));
        summary["transactions"] = Round(transactions);
        summary["rows"] = Round(rows);
        summary["messages"] = Round(messages);
        summary["deliveries"] = Round(deliveries);
        summary["walKb"] = Round(walKb);
        summary["walFullPages"] = Round(Per("total.walFullPages"));
        summary["cpuMs"] = Round(cpu);
        summary["cpuMsHost"] = Round(Per("cpu.host"));
        summary["cpuMsPostgres"] = Round(Per("cpu.postgres"));
        summary["cpuMsRabbitMq"] = Round(Per("cpu.rabbitmq"));
        summary["hostAllocatedKb"] = Round(allocatedKb);
        summary["hostGcPauseMs"] = Round(Per("gcpause.host"));
        summary["implicitTransactions"] = Round(transactions - explicitTotal);
        summary["perService"] = services;
        summary["rowsByTable"] = tables.ToDictionary(t => t.Name, t => Round(t.Value / reports));
        summary["publishedByType"] = published.ToDictionary(p => p.Name, p => Round(p.Value / reports));
        summary["deliveredByQueue"] = delivered.ToDictionary(p => p.Name, p => Round(p.Value / reports));
        return summary;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
