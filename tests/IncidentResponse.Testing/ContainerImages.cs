namespace IncidentResponse.Testing;

/// <summary>
/// Images for the real servers. Official images by default (a laptop with Docker pulls them);
/// the test command sets the variables to locally built stand-ins where no registry is reachable.
/// </summary>
public static class ContainerImages
{
    public static string RabbitMq => Environment.GetEnvironmentVariable("IR_TEST_RABBITMQ_IMAGE") is { Length: > 0 } image ? image : "rabbitmq:3.13-management";

    public static string Postgres => Environment.GetEnvironmentVariable("IR_TEST_POSTGRES_IMAGE") is { Length: > 0 } image ? image : "postgres:16";
}
