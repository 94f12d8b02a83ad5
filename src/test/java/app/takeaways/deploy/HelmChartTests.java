package app.takeaways.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/helm/takeaways rendered by Helm itself (helm-java bundles it), with the chart's defaults and with the
 * overrides an operator makes; every document is parsed and what matters to running the app is checked. Also linted.
 * <p>
 * Helm is a Go library loaded into the JVM, after which nothing can attach to that JVM (Mockito's inline mocks do):
 * Maven runs this class in a JVM of its own (pom.xml, surefire's "helm-chart" execution); the shared one excludes it.
 */
class HelmChartTests {

    static final Path CHART = Path.of("deploy/helm/takeaways");

    /** What every install must add to the defaults: an external database and the default mode's secrets. */
    private static final String MINIMAL = """
            database:
              url: jdbc:postgresql://postgres.db:5432/takeaways
            secrets:
              databasePassword: secret-db-password
              slackBotToken: xoxb-secret-bot-token
              slackAppToken: xapp-secret-app-token
            """;

    private static final String HTTP_WITH_INGRESS = """
            slack:
              mode: http
            secrets:
              slackSigningSecret: secret-signing-secret
            ingress:
              enabled: true
              className: nginx
              host: takeaways.example.com
              tls:
                - secretName: takeaways-tls
                  hosts: [takeaways.example.com]
            """;

    private static final String OAUTH = """
            slack:
              workspaces: oauth
              clientId: "1234.5678"
            secrets:
              slackBotToken: ""
              slackClientSecret: secret-client-secret
              encryptionKey: secret-encryption-key
            """;

    private static final String EXISTING_SECRET = """
            existingSecret: team-takeaways
            secrets:
              databasePassword: ""
              slackBotToken: ""
              slackAppToken: ""
            """;

    @TempDir
    Path work;

    @Test
    void theDefaultsRenderTwoSocketModeInstancesOnTheGivenDatabase() throws IOException {
        Rendered chart = render(MINIMAL);

        assertThat(chart.kinds()).containsExactlyInAnyOrder(
                "ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget");
        assertThat(map(chart.deployment(), "spec")).containsEntry("replicas", 2);
        assertThat(map(map(chart.deployment(), "spec"), "strategy")).isEqualTo(Map.of("type", "RollingUpdate",
                "rollingUpdate", Map.of("maxSurge", 1, "maxUnavailable", 0)));
        assertThat(map(map(render(MINIMAL, "updateStrategy: {type: Recreate}").deployment(), "spec"), "strategy"))
                .isEqualTo(Map.of("type", "Recreate"));
        assertThat(chart.configMap()).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres.db:5432/takeaways")
                .containsEntry("SERVER_PORT", "3000");
        assertThat(chart.secretRefs()).containsOnlyKeys("SPRING_DATASOURCE_PASSWORD", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN");
        assertThat(chart.secretData()).containsOnlyKeys(chart.secretRefs().keySet().toArray(String[]::new));
        assertThat(chart.secretData()).containsEntry("SLACK_APP_TOKEN", "xapp-secret-app-token");
    }

    @Test
    void everyDocumentIsNamedAndCarriesTheStandardLabels() throws IOException {
        for (String overrides : List.of(MINIMAL, HTTP_WITH_INGRESS, OAUTH, """
                autoscaling: {enabled: true}
                serviceMonitor: {enabled: true}
                """)) {
            for (Map<String, Object> document : render(MINIMAL, overrides).documents()) {
                assertThat(document).containsKeys("apiVersion", "kind", "metadata");
                Map<String, Object> metadata = map(document, "metadata");
                assertThat(metadata.get("name")).as(document.get("kind") + "'s name").isEqualTo("team-takeaways");
                assertThat(map(metadata, "labels")).containsEntry("app.kubernetes.io/name", "takeaways")
                        .containsEntry("app.kubernetes.io/instance", "team")
                        .containsEntry("app.kubernetes.io/managed-by", "Helm")
                        .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
            }
        }
    }

    @Test
    void theAppRunsAsTheImagesUnprivilegedUserOnAReadOnlyRootFilesystem() throws IOException {
        Rendered chart = render(MINIMAL);
        Map<String, Object> pod = chart.podSpec();
        Map<String, Object> container = chart.container();
        int imageUid = Dockerfile.read().runtimeUid().orElseThrow();

        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", imageUid);
        assertThat(map(container, "securityContext")).containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", imageUid)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat(pod).containsEntry("automountServiceAccountToken", false);

        // /tmp is the one writable place, and every file the app writes is under it.
        assertThat(list(container, "volumeMounts")).containsExactly(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(list(pod, "volumes")).singleElement().satisfies(volume ->
                assertThat(asMap(volume)).containsEntry("name", "tmp").containsKey("emptyDir"));
        assertThat(chart.configMap()).hasEntrySatisfying("DJL_CACHE_DIR", dir -> assertThat(dir).startsWith("/tmp/"))
                .doesNotContainKey("TAKEAWAYS_DATA_DIR");
        assertThat(chart.plainEnv()).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void probesAreTheActuatorsLivenessAndReadinessGroupsOnTheMainPort() throws IOException {
        Map<String, Object> container = render(MINIMAL).container();

        assertThat(list(container, "ports")).contains(Map.of("name", "http", "containerPort", 3000, "protocol", "TCP"));
        assertThat(map(map(container, "startupProbe"), "httpGet")).isEqualTo(Map.of("path", "/livez", "port", "http"));
        assertThat(map(map(container, "livenessProbe"), "httpGet")).isEqualTo(Map.of("path", "/livez", "port", "http"));
        assertThat(map(map(container, "readinessProbe"), "httpGet")).isEqualTo(Map.of("path", "/readyz", "port", "http"));
        // A replica waiting for another's Flyway migration (50 tries, one a second) is not killed meanwhile.
        Map<String, Object> startup = map(container, "startupProbe");
        assertThat((int) startup.get("periodSeconds") * (int) startup.get("failureThreshold")).isGreaterThan(60);

        // The app serves those paths on its main port (application.yml), whatever MANAGEMENT_SERVER_PORT says.
        Map<String, Object> probes = map(map(map(map(applicationYaml(), "management"), "endpoint"), "health"), "probes");
        assertThat(probes).containsEntry("enabled", true).containsEntry("add-additional-paths", true);
    }

    @Test
    void requestsAndLimitsAreSet() throws IOException {
        Map<String, Object> resources = map(render(MINIMAL).container(), "resources");

        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).containsKeys("cpu", "memory");
    }

    @Test
    void noSecretValueIsInTheConfigMapWhateverTheMode() throws IOException {
        for (String overrides : List.of("", HTTP_WITH_INGRESS, OAUTH, """
                config:
                  llmBaseUrl: https://llm.internal/v1
                  extra: {OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318"}
                secrets:
                  llmApiKey: secret-llm-key
                  encryptionOldKeys: secret-old-key
                """)) {
            Rendered chart = render(MINIMAL, overrides);
            assertThat(chart.configMap().values()).as(overrides).noneMatch(value -> value.contains("secret"));
            assertThat(chart.plainEnv().values()).noneMatch(value -> value.contains("secret"));
            assertThat(chart.secretData().values()).allMatch(value -> value.contains("secret"));
            assertThat(chart.secretRefs()).allSatisfy((key, secret) -> assertThat(secret).isEqualTo("team-takeaways"));
        }
    }

    @Test
    void socketModeReadsTheAppTokenAndNeedsNoIngress() throws IOException {
        Rendered chart = render(MINIMAL);

        assertThat(chart.secretRefs()).containsKey("SLACK_APP_TOKEN").doesNotContainKey("SLACK_SIGNING_SECRET");
        assertThat(chart.kinds()).doesNotContain("Ingress");
        assertThatThrownBy(() -> render(MINIMAL, "ingress: {enabled: true, host: takeaways.example.com}"))
                .hasMessageContaining("ingress.enabled needs slack.mode=http or slack.workspaces=oauth");
    }

    @Test
    void httpModeReadsTheSigningSecretAndRoutesOnlySlackEvents() throws IOException {
        Rendered chart = render(MINIMAL, HTTP_WITH_INGRESS);

        assertThat(chart.secretRefs()).containsKey("SLACK_SIGNING_SECRET").doesNotContainKey("SLACK_APP_TOKEN");
        assertThat(chart.ingressPaths()).containsExactly("/slack/events");
        Map<String, Object> spec = map(chart.one("Ingress"), "spec");
        assertThat(spec).containsEntry("ingressClassName", "nginx");
        assertThat(list(spec, "tls")).hasSize(1);
        assertThat(list(spec, "rules")).singleElement().satisfies(rule ->
                assertThat(asMap(rule)).containsEntry("host", "takeaways.example.com"));
    }

    @Test
    void httpModeWithoutItsSigningSecretIsRefusedAtInstall() {
        assertThatThrownBy(() -> render(MINIMAL, "slack: {mode: http}"))
                .hasMessageContaining("secrets.slackSigningSecret is required");
    }

    @Test
    void oauthModeReadsTheClientSecretAndKeyAndRoutesTheInstallPages() throws IOException {
        Rendered socket = render(MINIMAL, OAUTH, "ingress: {enabled: true, host: takeaways.example.com}");

        assertThat(socket.configMap()).containsEntry("SLACK_CLIENT_ID", "1234.5678");
        assertThat(socket.secretRefs()).containsKeys("SLACK_CLIENT_SECRET", "TAKEAWAYS_ENCRYPTION_KEY", "SLACK_APP_TOKEN")
                .doesNotContainKey("SLACK_BOT_TOKEN");
        assertThat(socket.optionalSecretRefs()).containsExactly("TAKEAWAYS_ENCRYPTION_OLD_KEYS");
        assertThat(socket.ingressPaths()).containsExactly("/slack/install", "/slack/oauth_redirect");

        Rendered http = render(MINIMAL, OAUTH, HTTP_WITH_INGRESS);
        assertThat(http.ingressPaths()).containsExactly("/slack/events", "/slack/install", "/slack/oauth_redirect");
        assertThatThrownBy(() -> render(MINIMAL, OAUTH, "slack: {clientId: \"\"}"))
                .hasMessageContaining("slack.clientId is required");
        assertThatThrownBy(() -> render(MINIMAL, OAUTH, "secrets: {encryptionKey: \"\"}"))
                .hasMessageContaining("secrets.encryptionKey is required");
    }

    @Test
    void anExistingSecretIsReadAndNoneIsMade() throws IOException {
        Rendered chart = render(MINIMAL, EXISTING_SECRET);

        assertThat(chart.kinds()).doesNotContain("Secret");
        assertThat(chart.secretRefs()).containsOnlyKeys("SPRING_DATASOURCE_PASSWORD", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
                .allSatisfy((key, secret) -> assertThat(secret).isEqualTo("team-takeaways"));
        assertThat(map(map(chart.deployment(), "spec"), "template")).satisfies(template ->
                assertThat(map(map(template, "metadata"), "annotations")).containsKey("checksum/config")
                        .doesNotContainKey("checksum/secret"));
    }

    @Test
    void withoutAnExternalDatabaseTheInstallIsRefused() {
        assertThatThrownBy(() -> render("""
                secrets: {databasePassword: p, slackBotToken: xoxb-1, slackAppToken: xapp-1}
                """)).hasMessageContaining("database.url is required");
        assertThatThrownBy(() -> render(MINIMAL, "database: {url: \"postgres://db/takeaways\"}"))
                .hasMessageContaining("database.url must be a PostgreSQL JDBC URL");
    }

    @Test
    void theAutoscalerIsMadeOnlyWhenAskedForAndThenOwnsTheReplicas() throws IOException {
        assertThat(render(MINIMAL).kinds()).doesNotContain("HorizontalPodAutoscaler");

        Rendered chart = render(MINIMAL, "autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 8}");
        Map<String, Object> spec = map(chart.one("HorizontalPodAutoscaler"), "spec");
        assertThat(spec).containsEntry("minReplicas", 3).containsEntry("maxReplicas", 8);
        assertThat(map(spec, "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", "team-takeaways");
        assertThat(map(chart.deployment(), "spec")).doesNotContainKey("replicas");
        assertThat(chart.kinds()).contains("PodDisruptionBudget");

        // Slack allows an app 10 Socket Mode connections at once.
        assertThatThrownBy(() -> render(MINIMAL, "autoscaling: {enabled: true, maxReplicas: 11}"))
                .hasMessageContaining("10 or fewer in Socket Mode");
    }

    @Test
    void theDisruptionBudgetKeepsOneInstanceUpWhenThereIsMoreThanOne() throws IOException {
        Map<String, Object> spec = map(render(MINIMAL).one("PodDisruptionBudget"), "spec");

        assertThat(spec).containsEntry("minAvailable", 1);
        assertThat(map(spec, "selector")).isEqualTo(map(map(render(MINIMAL).deployment(), "spec"), "selector"));
        assertThat(render(MINIMAL, "replicaCount: 1").kinds()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void theServiceMonitorScrapesPrometheusOnlyWhenAskedFor() throws IOException {
        assertThat(render(MINIMAL).kinds()).doesNotContain("ServiceMonitor");

        Rendered onePort = render(MINIMAL, "serviceMonitor: {enabled: true, labels: {release: prometheus}}");
        assertThat(map(map(onePort.one("ServiceMonitor"), "metadata"), "labels")).containsEntry("release", "prometheus");
        assertThat(list(map(onePort.one("ServiceMonitor"), "spec"), "endpoints")).singleElement().satisfies(endpoint ->
                assertThat(asMap(endpoint)).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus"));

        Rendered twoPorts = render(MINIMAL, "serviceMonitor: {enabled: true}", "managementPort: 9000");
        assertThat(twoPorts.configMap()).containsEntry("MANAGEMENT_SERVER_PORT", "9000");
        assertThat(list(map(twoPorts.one("Service"), "spec"), "ports")).extracting(port -> asMap(port).get("name"))
                .containsExactly("http", "management");
        assertThat(list(map(twoPorts.one("ServiceMonitor"), "spec"), "endpoints")).singleElement().satisfies(endpoint ->
                assertThat(asMap(endpoint)).containsEntry("port", "management"));
        assertThat(map(map(twoPorts.container(), "readinessProbe"), "httpGet")).containsEntry("port", "http");
    }

    @Test
    void theChartsAppVersionIsThePomsVersion() throws Exception {
        Map<String, Object> chart = yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String version = pom.getDocumentElement().getElementsByTagName("version").item(1).getTextContent();

        assertThat(pom.getDocumentElement().getElementsByTagName("artifactId").item(1).getTextContent())
                .isEqualTo("takeaways");
        assertThat(chart).containsEntry("appVersion", version);
        assertThat(render(MINIMAL).container().get("image")).isEqualTo("takeaways:" + version);
    }

    @Test
    void theNotesWarnWhenSlackCannotReachTheApp() throws IOException {
        String unreachable = notes(MINIMAL, HTTP_WITH_INGRESS, "ingress: {enabled: false}");
        String routed = notes(MINIMAL, HTTP_WITH_INGRESS);

        assertThat(unreachable).contains("WARNING: ingress.enabled is false").contains("/slack/events");
        assertThat(routed).doesNotContain("WARNING").contains("https://takeaways.example.com/slack/events");
        assertThat(notes(MINIMAL)).contains("Socket Mode").doesNotContain("WARNING");
        assertThat(notes(MINIMAL, OAUTH)).contains("WARNING: ingress.enabled is false")
                .contains("/slack/install, /slack/oauth_redirect");
        assertThat(unreachable + routed).doesNotContain("secret");
    }

    @Test
    void helmLintFindsNothingWrongAsShippedNorWithEverythingOn() throws IOException {
        assertLintsClean(CHART);

        // helm lint renders with the chart's own values, where the optional parts are off: lint a copy whose
        // values.yaml turns them all on.
        Path copy = work.resolve("takeaways");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Map<String, Object> values = yaml().load(Files.readString(CHART.resolve("values.yaml")));
        for (String overrides : List.of(MINIMAL, OAUTH, HTTP_WITH_INGRESS, """
                autoscaling: {enabled: true}
                serviceMonitor: {enabled: true}
                managementPort: 9000
                """)) {
            values = merge(values, yaml().load(overrides));
        }
        Files.writeString(copy.resolve("values.yaml"), yaml().dump(values));
        assertThat(render(MINIMAL, OAUTH, HTTP_WITH_INGRESS).kinds()).contains("Ingress");

        assertLintsClean(copy);
    }

    private static void assertLintsClean(Path chart) {
        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.getMessages()).as(chart.toString())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    /** What helm install prints after installing (NOTES.txt), from a client-only dry run. */
    private String notes(String... valuesFiles) throws IOException {
        var install = new Helm(CHART).install().withName("team").withNamespace("team").dryRun().clientOnly();
        for (Path file : valuesFiles(valuesFiles)) {
            install = install.withValuesFile(file);
        }
        String output = install.call().getOutput();
        assertThat(output).contains("NOTES:");
        return output.substring(output.indexOf("NOTES:"));
    }

    private List<Path> valuesFiles(String... valuesFiles) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String values : valuesFiles) {
            Path file = Files.createTempFile(work, "values-", ".yaml");
            Files.writeString(file, values);
            files.add(file);
        }
        return files;
    }

    private Rendered render(String... valuesFiles) throws IOException {
        var template = new Helm(CHART).template().withName("team").withNamespace("team");
        for (Path file : valuesFiles(valuesFiles)) {
            template = template.withValuesFile(file);
        }
        String manifests = template.call();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(manifests)) {
            if (document != null) {
                assertThat(document).as("a rendered document").isInstanceOf(Map.class);
                documents.add(cast(document));
            }
        }
        return new Rendered(documents);
    }

    private record Rendered(List<Map<String, Object>> documents) {

        List<String> kinds() {
            return documents.stream().map(document -> (String) document.get("kind")).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> ofKind = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
            assertThat(ofKind).as(kind).hasSize(1);
            return ofKind.get(0);
        }

        Map<String, Object> deployment() {
            return one("Deployment");
        }

        Map<String, Object> podSpec() {
            return map(map(map(deployment(), "spec"), "template"), "spec");
        }

        Map<String, Object> container() {
            List<Object> containers = list(podSpec(), "containers");
            assertThat(containers).hasSize(1);
            return cast(containers.get(0));
        }

        Map<String, String> configMap() {
            return cast(one("ConfigMap").get("data"));
        }

        /** The Secret's data, decoded. */
        Map<String, String> secretData() {
            Map<String, String> decoded = new LinkedHashMap<>();
            Map<String, String> data = cast(one("Secret").get("data"));
            data.forEach((key, value) -> decoded.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            return decoded;
        }

        private Stream<Map<String, Object>> env() {
            Object env = container().get("env");
            return env == null ? Stream.empty() : ((List<?>) env).stream().map(HelmChartTests::cast);
        }

        private Stream<Map<String, Object>> secretKeyRefs() {
            return env().filter(entry -> entry.get("valueFrom") != null)
                    .map(entry -> map(map(entry, "valueFrom"), "secretKeyRef"));
        }

        /** Each variable read from a Secret, and that Secret's name (the variable is the key). */
        Map<String, String> secretRefs() {
            Map<String, String> refs = new LinkedHashMap<>();
            secretKeyRefs().forEach(ref -> refs.put((String) ref.get("key"), (String) ref.get("name")));
            env().filter(entry -> entry.get("valueFrom") != null).forEach(entry ->
                    assertThat(map(map(entry, "valueFrom"), "secretKeyRef")).containsEntry("key", entry.get("name")));
            return refs;
        }

        List<String> optionalSecretRefs() {
            return secretKeyRefs().filter(ref -> Boolean.TRUE.equals(ref.get("optional")))
                    .map(ref -> (String) ref.get("key")).toList();
        }

        Map<String, String> plainEnv() {
            Map<String, String> plain = new LinkedHashMap<>();
            env().filter(entry -> entry.get("value") != null)
                    .forEach(entry -> plain.put((String) entry.get("name"), String.valueOf(entry.get("value"))));
            return plain;
        }

        List<String> ingressPaths() {
            List<Object> rules = list(map(one("Ingress"), "spec"), "rules");
            return rules.stream().flatMap(rule -> list(map(cast(rule), "http"), "paths").stream())
                    .map(path -> {
                        Map<String, Object> p = cast(path);
                        assertThat(map(map(p, "backend"), "service")).containsEntry("name", "team-takeaways")
                                .containsEntry("port", Map.of("name", "http"));
                        return (String) p.get("path");
                    }).toList();
        }
    }

    private static Map<String, Object> applicationYaml() throws IOException {
        return yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
    }

    /** Values files merge as Helm merges them: maps key by key, anything else replaced. */
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> merged.merge(key, value, (old, replacement) ->
                old instanceof Map<?, ?> && replacement instanceof Map<?, ?> ? merge(cast(old), cast(replacement)) : replacement));
        return merged;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return cast(Objects.requireNonNull(parent.get(key), key));
    }

    static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return cast(parent.get(key));
    }

    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return cast(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
