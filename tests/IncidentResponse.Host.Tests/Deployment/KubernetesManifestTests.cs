using System.Text.Json.Nodes;
using IncidentResponse.Host.Tests.Docs;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// <c>infra/kubernetes</c> is checked offline: every manifest against the JSON schema of its kind (vendored
/// from Kubernetes 1.32 and the operators' CRDs, strict, so a misspelt field fails like kubectl's strict
/// field validation), and against the Host: its settings, its health endpoints, its rule files.
/// </summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void Every_manifest_under_infra_kubernetes_is_valid_against_the_schema_of_its_kind()
    {
        Assert.NotEmpty(KubernetesManifests.All);

        var problems = KubernetesManifests.All.SelectMany(m => KubernetesSchemas.Problems(m.Body).Select(p => $"{m}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_manifests_give_Deployments_Services_PodDisruptionBudgets_and_the_operators_clusters()
    {
        var kinds = KubernetesManifests.All.Select(m => m.Kind).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "Secret", "Ingress", "Job", "RabbitmqCluster", "Cluster" }, kinds);
        var budgets = KubernetesManifests.OfKind("PodDisruptionBudget").Select(p => p.Body["spec"]!["selector"]!["matchLabels"]!.ToJsonString()).ToList();
        Assert.All(KubernetesManifests.OfKind("Deployment"), d => Assert.Contains(d.Body["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), budgets));
    }

    [Fact]
    public void A_manifest_with_a_misspelt_field_or_a_value_of_the_wrong_type_fails_the_schema_check()
    {
        var deployment = KubernetesManifests.Named("Deployment", "ir-front").Body.DeepClone();
        deployment["spec"]!["replicas"] = "two";
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["readinessProbe"]!["httpGet"]!["paht"] = "/health/ready";
        var budget = KubernetesManifests.Named("PodDisruptionBudget", "ir-front").Body.DeepClone();
        budget["spec"]!["minAvailable"] = true;
        var rabbit = KubernetesManifests.Named("RabbitmqCluster", "ir-rabbitmq").Body.DeepClone();
        rabbit["spec"]!["replica"] = 3;

        var deploymentProblems = string.Join("\n", KubernetesSchemas.Problems(deployment));
        var budgetProblems = string.Join("\n", KubernetesSchemas.Problems(budget));
        var rabbitProblems = string.Join("\n", KubernetesSchemas.Problems(rabbit));

        Assert.Contains("/spec/replicas", deploymentProblems, StringComparison.Ordinal);
        Assert.Contains("paht", deploymentProblems, StringComparison.Ordinal);
        Assert.Contains("/spec/minAvailable", budgetProblems, StringComparison.Ordinal);
        Assert.Contains("replica", rabbitProblems, StringComparison.Ordinal);
        Assert.Empty(KubernetesSchemas.Problems(KubernetesManifests.Named("Deployment", "ir-front").Body));
    }

    [Fact]
    public void A_YAML_1_1_boolean_where_a_string_belongs_fails_as_kubectl_would_read_it()
    {
        var map = YamlJson.Documents("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  Enabled: yes\n  Mode: '0440'\n  Octal: 0440\n").Single();

        Assert.True(map["data"]!["Enabled"]!.GetValue<bool>());
        Assert.Equal(288, map["data"]!["Octal"]!.GetValue<long>());
        Assert.Contains(KubernetesSchemas.Problems(map), p => p.StartsWith("/data/Enabled", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_environment_variable_the_manifests_give_the_Host_is_a_setting_it_reads()
    {
        var unknown = HostEnvironment().Where(e => !HostSettings.IsSetting(e.Name)).Select(e => $"{e.Where}: {e.Name}").Distinct(StringComparer.Ordinal).ToList();

        Assert.True(unknown.Count == 0, $"not a setting in docs/configuration.md (Section:Property is Section__Property): {string.Join(", ", unknown)}");
        Assert.False(HostSettings.IsSetting("Notifications__PublicBaseUri"));
        Assert.True(HostSettings.IsSetting("Database__ConnectionStrings__triage"));
    }

    [Fact]
    public void Every_Host_gets_the_settings_a_distributed_Host_refuses_to_start_without()
    {
        var names = HostEnvironment().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "Database__Provider", "Messaging__Transport", "Messaging__RabbitMqUri", "Notifications__PublicBaseUrl",
            "Security__LinkSigningKey", "Security__TimelineKey", "Security__DataProtection__CertificatePath",
            "Security__DataProtection__CertificatePassword", "Web__Proxy__KnownNetworks__0",
            "Database__ConnectionStrings__access", "Database__ConnectionStrings__intake", "Database__ConnectionStrings__triage",
            "Database__ConnectionStrings__notifications", "Database__ConnectionStrings__escalation", "Database__ConnectionStrings__web",
        }, names);
        Assert.StartsWith("https://", Named("ConfigMap", "ir-settings")["data"]!["Notifications__PublicBaseUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_probes_ask_the_Host_s_own_health_endpoints_on_its_port()
    {
        var code = RepositoryDocs.Read("services/IncidentResponse.ServiceDefaults/Health/HealthEndpoints.cs");

        foreach (var (owner, pod) in KubernetesManifests.PodSpecs().Where(p => p.Owner.Kind == "Deployment"))
        {
            var container = pod["containers"]![0]!;
            foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
            {
                var get = container[probe]?["httpGet"];
                Assert.True(get is not null, $"{owner}: no {probe}");
                Assert.Equal(path, get["path"]!.GetValue<string>());
                Assert.Contains($"\"{path}\"", code, StringComparison.Ordinal);
                Assert.Equal("http", get["port"]!.GetValue<string>());
            }

            Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<long>());
        }
    }

    [Fact]
    public void Every_Host_runs_as_a_user_on_a_read_only_root_filesystem_with_bounded_resources()
    {
        foreach (var (owner, pod) in KubernetesManifests.PodSpecs())
        {
            Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>(), $"{owner}: runAsNonRoot");
            foreach (var container in pod["containers"]!.AsArray())
            {
                Assert.True(container!["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>(), $"{owner}: readOnlyRootFilesystem");
                Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>(), $"{owner}: allowPrivilegeEscalation");
                Assert.NotNull(container["resources"]?["requests"]?["memory"]);
                Assert.NotNull(container["resources"]?["limits"]?["memory"]);
            }
        }
    }

    [Fact]
    public void The_rules_ConfigMaps_carry_the_rule_files_the_Host_ships_and_are_mounted_where_its_settings_point()
    {
        var settings = Named("ConfigMap", "ir-settings")["data"]!;
        var front = KubernetesManifests.Named("Deployment", "ir-front").Body["spec"]!["template"]!["spec"]!;
        foreach (var service in new[] { "Triage", "Notifications", "Escalation" })
        {
            var folder = Path.Combine(RepositoryDocs.Root, "services", $"IncidentResponse.{service}", "Rules");
            var data = Named("ConfigMap", $"ir-rules-{service.ToLowerInvariant()}")["data"]!.AsObject();
            var files = Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

            Assert.True(files.SequenceEqual(data.Select(kv => kv.Key).Order(StringComparer.Ordinal)), $"ir-rules-{service.ToLowerInvariant()} lists other files than {folder}: run python3 infra/kubernetes/rules-configmaps.py");
            Assert.All(files, f => Assert.True(File.ReadAllText(Path.Combine(folder, f!)) == data[f!]!.GetValue<string>(), $"{f} differs from its ConfigMap: run python3 infra/kubernetes/rules-configmaps.py"));
            var directory = settings[$"{service}__RulesDirectory"]!.GetValue<string>();
            var volume = front["volumes"]!.AsArray().Single(v => v!["configMap"]?["name"]?.GetValue<string>() == $"ir-rules-{service.ToLowerInvariant()}")!["name"]!.GetValue<string>();
            Assert.Contains(front["containers"]![0]!["volumeMounts"]!.AsArray(), m => m!["name"]!.GetValue<string>() == volume && m["mountPath"]!.GetValue<string>() == directory);
        }
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_of_the_base()
    {
        var kustomization = YamlJson.Documents(RepositoryDocs.Read($"{KubernetesManifests.Folder}/base/kustomization.yaml")).Single();
        var listed = kustomization["resources"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);
        var files = KubernetesManifests.Files("base").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    private static JsonNode Named(string kind, string name) => KubernetesManifests.Named(kind, name).Body;

    /// <summary>Each variable a Host's environment gets: the pods' env, and the keys of the ConfigMaps and Secrets they take whole (envFrom).</summary>
    private static IEnumerable<(string Where, string Name)> HostEnvironment()
    {
        foreach (var (owner, pod) in KubernetesManifests.PodSpecs())
        {
            foreach (var container in pod["containers"]!.AsArray())
            {
                var declared = container!["env"]?.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList() ?? [];
                foreach (var name in declared.Where(n => n != "POD_NAME"))
                {
                    yield return (owner.ToString(), name);
                }

                foreach (var source in container["envFrom"]?.AsArray() ?? [])
                {
                    var (kind, reference) = source!["configMapRef"] is { } map ? ("ConfigMap", map) : ("Secret", source["secretRef"]!);
                    var manifest = KubernetesManifests.Named(kind, reference["name"]!.GetValue<string>());
                    var keys = (manifest.Body["data"] ?? manifest.Body["stringData"])!.AsObject().Select(kv => kv.Key);
                    foreach (var key in keys)
                    {
                        yield return (manifest.ToString(), key);
                    }
                }
            }
        }
    }
}
