using IncidentResponse.ServiceDefaults.Messaging;
using MassTransit;

namespace IncidentResponse.Triage.Reports
{
    public sealed class ReportReceivedConsumer : IConsumer<string>
    {
        public Task Consume(ConsumeContext<string> context) => Task.CompletedTask;
    }
}

namespace IncidentResponse.ServiceDefaults.Tests
{
    public sealed class ServiceEndpointNameFormatterTests
    {
        [Fact]
        public void A_consumer_queue_is_prefixed_with_its_service() =>
            Assert.Equal("triage-report-received", new ServiceEndpointNameFormatter().Consumer<Triage.Reports.ReportReceivedConsumer>());

        [Fact]
        public void A_type_outside_a_service_namespace_is_refused() =>
            Assert.Throws<InvalidOperationException>(() => ServiceEndpointNameFormatter.ServiceOf(typeof(string)));
    }
}
