using MassTransit;

namespace IncidentResponse.Host.Tests.Docs;

/// <summary>
/// The message-flow map in <c>docs/architecture.md</c> (the "Messages" table) is the code's: every consumer
/// of the service assemblies, with every message it consumes, is on the row of that message; every pair a
/// row names (each message of its Message cell with each consumer of its Consumer(s) cell) is consumed so in
/// the code. The roles table lists each role's consumers. A new consumer, a new message or a moved one fails here
/// until the map says so.
/// </summary>
public sealed class FlowMapTests
{
    private const string Document = "docs/architecture.md";
    private const string MessagesHeader = "| Publisher | Message | Consumer(s) | Answer / re-send |";
    private const string RolesHeader = "| Role | Owns | Consumers (`AddConsumers` in `<Service>Role.cs`) | Re-send loop |";

    /// <summary>
    /// The health probe every service database answers (<c>PipelineProbeConsumer&lt;TContext&gt;</c>): the
    /// document describes it apart, below the roles table, as it is not part of the flow.
    /// </summary>
    private static readonly string[] NotInTheFlow = ["PipelineProbeConsumer"];

    [Fact]
    public void Every_message_a_consumer_takes_is_on_that_messages_row_of_the_flow_map()
    {
        var rows = MessageRows();

        var missing = CodePairs()
            .Where(pair => !rows.Any(r => r.Messages.Contains(pair.Message) && r.Consumers.Contains(pair.Consumer)))
            .Select(pair => $"{pair.Message} → {pair.Consumer}")
            .ToList();

        Assert.True(missing.Count == 0, $"{Document} (Messages) does not show: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_message_and_consumer_the_flow_map_pairs_is_consumed_so_in_the_code()
    {
        var code = CodePairs();
        var wrong = new List<string>();

        foreach (var row in MessageRows())
        {
            if (row.Messages.Count == 0 || row.Consumers.Count == 0)
            {
                wrong.Add($"row without a message or a consumer in backticks: {row.Line}");
            }

            wrong.AddRange(
                from message in row.Messages
                from consumer in row.Consumers
                where !code.Contains((message, consumer))
                select $"{message} → {consumer}");
        }

        Assert.True(wrong.Count == 0, $"{Document} (Messages) shows pairs the code does not have: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void The_roles_table_lists_the_consumers_of_each_roles_assembly()
    {
        var lines = TableRows(RolesHeader);
        var wrong = new List<string>();

        foreach (var line in lines)
        {
            var cells = RepositoryDocs.Cells(line);
            var assembly = $"IncidentResponse.{char.ToUpperInvariant(cells[0][0])}{cells[0][1..]}";
            var documented = RepositoryDocs.CodeSpans(cells[2]).Where(IsConsumerName).Order(StringComparer.Ordinal).ToList();
            var code = Consumers().Where(t => t.Assembly.GetName().Name == assembly).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            if (!documented.SequenceEqual(code))
            {
                wrong.Add($"{cells[0]}: the table says {string.Join(", ", documented)}; {assembly} has {string.Join(", ", code)}");
            }
        }

        Assert.Equal(5, lines.Count); // intake, triage, notifications, escalation, web
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>(message type name, consumer type name) for every <c>IConsumer&lt;T&gt;</c> of the services; a batch consumer takes its element type.</summary>
    private static HashSet<(string Message, string Consumer)> CodePairs()
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var consumer in Consumers())
        {
            foreach (var consumed in consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            {
                var message = consumed.GetGenericArguments()[0];
                if (message.IsGenericType && message.GetGenericTypeDefinition() == typeof(Batch<>))
                {
                    message = message.GetGenericArguments()[0];
                }

                pairs.Add((message.Name, consumer.Name));
            }
        }

        Assert.NotEmpty(pairs);
        return pairs;
    }

    private static IEnumerable<Type> Consumers() =>
        RepositoryDocs.ServiceAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t))
            .Where(t => !NotInTheFlow.Contains(t.Name.Split('`')[0], StringComparer.Ordinal));

    private static bool IsConsumerName(string name) => name.EndsWith("Consumer", StringComparison.Ordinal);

    private static List<MessageRow> MessageRows() =>
        TableRows(MessagesHeader)
            .Select(line => RepositoryDocs.Cells(line))
            .Select(cells => new MessageRow(
                string.Join(" | ", cells),
                [.. RepositoryDocs.CodeSpans(cells[1])],
                [.. RepositoryDocs.CodeSpans(cells[2]).Where(IsConsumerName)]))
            .ToList();

    /// <summary>The body rows of the table that starts with <paramref name="header"/> (after its separator row).</summary>
    private static List<string> TableRows(string header)
    {
        var lines = RepositoryDocs.Read(Document).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(header);
        Assert.True(start >= 0, $"{Document} has no table headed {header}");
        var rows = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    private sealed record MessageRow(string Line, IReadOnlyList<string> Messages, IReadOnlyList<string> Consumers);
}
