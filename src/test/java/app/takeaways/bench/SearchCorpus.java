package app.takeaways.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A busy workspace's takeaways, made up: two teams, 50 channels (a tenth private), 500 people, 5,000 talks and as
 * many takeaways as asked for, over two years, oldest first (as a real table fills up). Texts mix words from real
 * conference notes and a tech word list, drawn Zipf-like: a few words are in a large share of all takeaways, most
 * are rare, and a long tail of made-up names and jargon makes the team's vocabulary as big as a real one's.
 * <p>
 * Everything is derived from one seed, so a corpus loaded once can be reused, and queries can name words of a known
 * frequency ({@link #commonWords()}, {@link #rareWords()}, ...) without reading the data.
 */
final class SearchCorpus {

    /** Changes whenever generation does: a stored corpus of another version is generated again. */
    static final String VERSION = "search-corpus-2";

    /** The team searches run in; it has nine takeaways in ten. */
    static final String TEAM = "T1";
    static final String OTHER_TEAM = "T2";

    private static final long SEED = 20_251_201L;
    private static final int USERS = 500;
    private static final int USERS_IN_TEAM = 450;
    private static final int TALKS = 5_000;
    private static final int TALKS_IN_TEAM = 4_500;
    private static final Duration SPAN = Duration.ofDays(730);
    /** Rows per COPY (one transaction each): a failed load loses little, and progress shows. */
    private static final int CHUNK = 20_000;

    /** The most frequent words, most frequent first: the first five are the "common" words searches use. */
    private static final String HEAD = """
            aws kubernetes latency cluster cost deploy terraform postgres pipeline metrics incident lambda
            observability database api migration cache karpenter queue alerts dashboard release outage throughput
            capacity region storage network iam upgrade schema replica container prometheus grafana helm
            autoscaling rollback tenant
            """;

    /** Words from a real set of re:Invent notes (the team's sample), so texts read like what people write. */
    private static final String NOTES_WORDS = """
            security images service pipelines nodes market k8s verify traces start small runs remember logs insights
            good fish expected different dashboards code big supports Slack Proton Manager EKS ECR Create CI zoom
            workflows wins windfalls week vision version verification vault usuals turnkey together titled ticket
            thousands testing test tenants templates template teams team tax talk switching suggest subjective stuff
            storage-wise static Stanford standard ssh spinnaker spectate specifically software sign sharable services
            separation securing secrets scans scanning scaling scale run roles road reuse reusable restaurants
            responses reinvent regularly registry reaction push prepared practices powder postmortems pods plane
            patterns path patch pager outcomes organized ops opentelem on-prem offerings occasional obs newhires
            modules milestones migrations metric mesh maxRequests matter mapped map management manage lyft losers
            logging loadpaths lifecycle library level layers latest languages kubelet jenkins istio involvement
            interface intelligent infrastructure infra include image heavy handles grow graphs gitops github generics
            fund full-stack fried focus fluentbit flags filters fees features feature fargate extra exclude excellence
            emoji emails ecs ec2 dynamic drugstores downtime downloaded doordash dive digital devs developing
            developers detection details description delivery deliberately debug datadog databases custom culture
            crunch cross-account cri cornstarch control continuously content containers consistent concern components
            collectors chicken check changes certificate canaries called built bottleneck bonds biased benefits baking
            avoid avail autoscaler automatically audiences argo architectures apply app analysis ami agreed agree
            aforementioned activity accounts account access Vanilla VPA Upgrading Up-level Thiel Temp Systems Strategy
            Store Standups Splunk Specific Sending Scalable SDKs RBAC Processors Primarily Peter Parameter PR Outposts
            Operational OpenTelemetry Offers Managed ML LaunchDarkly Kit Kinda Key Investigate Intentional Integrates
            Inspector IaC Helm HQ HPA Git Flux Extract Errors Development DevOps Delivering Deep Currently Competitor
            Competition Combining CodeReview CodeGuru CodeDeploy CodeBuild CodeArtifact CloudFormation Cloud CD
            Bottlerocket Automating Anomaly
            """;

    /** What else a platform team writes about. */
    private static final String TECH_WORDS = """
            s3 dynamodb aurora rds redshift athena glue kinesis kafka msk sqs sns eventbridge stepfunctions ecr eks
            graviton nitro vpc subnet nat gateway route53 cloudfront waf shield guardduty macie kms certificate acm
            organizations controltower cloudtrail cloudwatch xray fluentd loki tempo jaeger zipkin newrelic honeycomb
            pagerduty opsgenie statuspage sentry argocd gitlab circleci buildkite tekton linkerd envoy cilium calico
            coredns ingress nginx haproxy traefik docker containerd kubectl kustomize operator crd controller scheduler
            etcd pod deployment statefulset daemonset namespace serviceaccount keda pulumi cdk crossplane ansible chef
            puppet packer consul nomad redis memcached valkey elasticsearch opensearch mongodb cassandra cockroachdb
            mysql mariadb sqlite clickhouse snowflake databricks spark flink airflow dbt trino presto duckdb parquet
            iceberg python java golang rust typescript javascript kotlin scala ruby elixir deno graphql grpc protobuf
            websocket openapi json yaml sagemaker bedrock llm embeddings rag vector inference training gpu inferentia
            trainium tokens prompt agents finetuning evaluation hallucination guardrails serverless microservices
            monolith idempotency retries backoff jitter timeout deadlock contention sharding partitioning replication
            consistency durability availability resilience chaos failover backup restore snapshot disaster recovery
            sla slo sli toil postmortem runbook playbook oncall escalation paging triage mitigation canary bluegreen
            finops savings reserved spot ondemand rightsizing budget chargeback showback tagging compliance soc2 hipaa
            gdpr audit encryption tls mtls oauth oidc saml jwt sso mfa phishing vulnerability cve sbom supplychain
            sigstore cosign patching hardening throttling ratelimit quota concurrency coldstart warmup provisioned
            memory cpu heap allocation profiling flamegraph benchmark regression p99 p50 cdn edge caching ttl
            invalidation dns anycast ipv6 bgp peering transit privatelink endpoint vacuum autovacuum bloat wal
            checkpoint pgbouncer connections pooling indexes btree gin explain planner statistics partition hotspot
            compaction lsm rocksdb raft paxos quorum leader election consensus gossip eventual linearizable
            serializable isolation transactions outbox saga choreography orchestration backpressure streaming batch
            lakehouse warehouse etl cdc debezium schemaregistry avro kubecost opencost savingsplans reservations
            chargebacks multiregion multiaccount landingzone guardrail scp permissionboundary assumerole irsa
            podidentity nodegroup managednodegroup fargateprofile bottlerocketos amilinux al2023 cgroups ebpf
            seccomp apparmor selinux falco trivy grype snyk dependabot renovate semver changelog monorepo bazel gradle
            maven npm pnpm vite webpack esbuild storybook playwright cypress selenium pytest junit mockito wiremock
            testcontainers fuzzing mutation coverage flaky quarantine bisect hotfix cherrypick trunk featurebranch
            """;

    /** Words that string content words into sentences (English stop words: not indexed, as in real text). */
    private static final String[] FUNCTION_WORDS = ("the a an of to in for with and on is are we our it not but by at"
            + " from than more less can should will via when if so use using &amp; -&gt; this that they their")
            .split(" ");

    /** Two and three words that go together, for phrase searches. */
    private static final List<String> PHRASES = List.of("control plane", "service account", "feature flags",
            "cold start", "connection pool", "read replica", "error budget", "on call", "root cause", "load balancer",
            "node group", "spot instances", "cost allocation", "least privilege", "infrastructure as code",
            "vector database", "prompt engineering", "rate limiting", "circuit breaker", "dead letter queue",
            "service mesh", "canary release", "golden path", "platform team", "blast radius", "tail latency",
            "blue green deployment", "zero downtime", "secrets manager", "container image", "build cache",
            "disaster recovery", "incident review", "developer experience", "data lake", "event bus", "cost explorer",
            "game day", "runbook automation", "capacity planning");

    /** Tags people put on takeaways, the popular ones first. */
    private static final List<String> TAGS = List.of("k8s", "aws", "eks", "security", "terraform", "observability",
            "postgres", "sre", "platform", "reinvent", "cost", "devops", "genai", "serverless", "lambda", "networking",
            "data", "databases", "ci", "gitops", "oncall", "incident", "resilience", "architecture", "ml", "llm",
            "finops", "karpenter", "opentelemetry", "prometheus", "grafana", "datadog", "helm", "argo", "istio",
            "kafka", "streaming", "analytics", "iam", "compliance", "migration", "frontend", "backend", "mobile",
            "testing", "performance", "caching", "rust", "java", "python", "golang", "api", "graphql", "leadership",
            "hiring", "career", "learning", "tooling", "reinvent2024", "kubecon");

    /** Links people paste, as Slack sends them: {@code <url|label>}, or the bare {@code <url>}. */
    private static final List<String> LINKS = List.of("https://github.com/aws/karpenter|karpenter",
            "https://github.com/hashicorp/terraform|terraform", "https://github.com/prometheus/prometheus",
            "https://github.com/open-telemetry/opentelemetry-collector|otel collector",
            "https://github.com/argoproj/argo-cd|Argo CD", "https://github.com/fluxcd/flux2",
            "https://github.com/istio/istio|istio", "https://github.com/bottlerocket-os/bottlerocket|Bottlerocket",
            "https://github.com/fluent/fluent-bit", "https://github.com/kubernetes/autoscaler|cluster autoscaler",
            "https://github.com/aws/aws-cdk|AWS CDK", "https://github.com/grafana/loki", "https://github.com/cilium/cilium",
            "https://github.com/kedacore/keda|KEDA", "https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html|EKS user guide",
            "https://aws.amazon.com/builders-library/|Amazon Builders' Library", "https://karpenter.sh/docs/",
            "https://opentelemetry.io/docs/|OpenTelemetry docs", "https://sre.google/sre-book/table-of-contents/|SRE book",
            "https://www.postgresql.org/docs/current/textsearch.html|Postgres full text search",
            "https://aws.amazon.com/blogs/containers/|containers blog", "https://launchdarkly.com/blog/|LaunchDarkly blog");

    private static final List<String> TALK_TEMPLATES = List.of("Deep dive on %s", "%s: strategy, road map, and vision",
            "Up-level your %s with %s", "Best practices for securing %s", "Delivering %s through %s",
            "How to reuse patterns when building %s", "Automating %s with %s", "Scaling %s to millions of users",
            "What's new in %s", "Lessons learned running %s at scale", "Migrating from %s to %s",
            "Building resilient %s", "Cost optimization for %s", "Observability for %s with %s",
            "Zero to production with %s", "%s under the hood", "Modernizing %s with %s",
            "Intentional and empathetic %s", "A customer story: %s at scale", "Getting started with %s",
            "Advanced %s patterns", "Operational excellence for %s", "Designing %s for failure",
            "%s and %s: better together", "Using %s to avoid downtime during migrations");

    private static final List<String> TALK_SUBJECTS = List.of("Amazon EKS", "Karpenter", "AWS Lambda", "Amazon Aurora",
            "PostgreSQL", "Kubernetes", "Terraform", "OpenTelemetry", "Amazon S3", "Amazon DynamoDB", "Bottlerocket",
            "AWS Proton", "Amazon ECR", "AWS CloudFormation", "the AWS CDK", "Istio", "Argo CD", "Prometheus", "Grafana",
            "Datadog", "Splunk", "feature flags", "chaos engineering", "platform engineering", "observability", "FinOps",
            "generative AI", "Amazon Bedrock", "Amazon SageMaker", "vector databases", "event-driven architectures",
            "serverless", "microservices", "zero trust", "IAM", "multi-account strategy", "incident response",
            "container image security", "software supply chain security", "CI/CD pipelines", "GitOps", "Amazon MSK",
            "Apache Kafka", "Amazon Redshift", "data lakes", "Apache Iceberg", "AWS Fargate", "Amazon ECS",
            "Graviton", "AWS Nitro", "Amazon VPC", "service meshes", "API gateways", "GraphQL", "Rust", "Java",
            "developer productivity", "cost allocation", "SRE", "on-call culture");

    private static final List<String> EVENTS = List.of("re:Invent 2024", "re:Invent 2025", "KubeCon EU 2025",
            "KubeCon NA 2024", "Monitorama 2025", "SREcon 2025");

    private static final List<Channel> CHANNELS = channels();

    private final List<String> vocabulary;
    private final int headSize;
    private final Set<String> realWords;
    private final Map<String, List<String>> users = new LinkedHashMap<>();
    private final Map<String, List<Talk>> talks = new LinkedHashMap<>();

    /** A conversation takeaways are captured in. */
    record Channel(String teamId, String id, String name, String type) {

        boolean isPrivate() {
            return type.equals("private_channel");
        }
    }

    /** A talk; {@code id} is Postgres' and known only once loaded. */
    record Talk(String teamId, String title, String event, String createdBy) {

        /** As the app keys talks: lower-cased, spacing collapsed. */
        static String titleKey(String title) {
            return title.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        }
    }

    /** What loading took. */
    record Load(long rows, Duration copy, Duration index, Duration vacuum) {
    }

    SearchCorpus() {
        Random random = new Random(SEED);
        List<String> head = words(HEAD);
        Set<String> real = new LinkedHashSet<>(head);
        List<String> rest = new ArrayList<>();
        for (String word : concat(words(NOTES_WORDS), words(TECH_WORDS))) {
            if (real.add(word.toLowerCase(Locale.ROOT))) {
                rest.add(word);
            }
        }
        Collections.shuffle(rest, random);
        this.realWords = real;
        this.headSize = head.size();
        this.vocabulary = rank(head, rest, madeUpWords(40_000, realWords, random), random);
        for (int u = 0; u < USERS; u++) {
            users.computeIfAbsent(u < USERS_IN_TEAM ? TEAM : OTHER_TEAM, team -> new ArrayList<>())
                    .add(String.format("U%07d", u + 1));
        }
        talks.put(TEAM, talkTitles(TEAM, TALKS_IN_TEAM, random));
        talks.put(OTHER_TEAM, talkTitles(OTHER_TEAM, TALKS - TALKS_IN_TEAM, random));
    }

    // --- What queries pick from ----------------------------------------------------------------------------------

    /** The five most frequent words: each is in a quarter to a half of all takeaways. */
    List<String> commonWords() {
        return vocabulary.subList(0, 5);
    }

    /** The head: words in 7% or more of all takeaways each, the most frequent first. */
    List<String> frequentWords() {
        return vocabulary.subList(0, headSize);
    }

    /** Plain real words after the head, in 1 to 5% of the takeaways each: what most searches look for. */
    List<String> mediumWords() {
        return plainWords(headSize, headSize + 150, 4);
    }

    /** Real words (seven letters or more, so a dropped letter is a typo) in a few hundred takeaways each. */
    List<String> rareWords() {
        return plainWords(5_000, 20_000, 7);
    }

    /**
     * Real words of these ranks, lower-cased: letters only, and not in tags, phrases, talk titles or links, which
     * would make them more frequent than their rank says. (A word can still share its stem with a more frequent
     * one: the benchmark checks how many takeaways each is in.)
     */
    private List<String> plainWords(int fromRank, int toRank, int minLength) {
        Set<String> elsewhere = new LinkedHashSet<>();
        Stream.of(TAGS, PHRASES, TALK_TEMPLATES, TALK_SUBJECTS, LINKS).flatMap(List::stream)
                .forEach(text -> elsewhere.addAll(List.of(text.toLowerCase(Locale.ROOT).split("[^a-z]+"))));
        List<String> plain = new ArrayList<>();
        for (String word : vocabulary.subList(fromRank, toRank)) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (realWords.contains(lower) && lower.length() >= minLength && lower.matches("[a-z]+")
                    && !elsewhere.contains(lower)) {
                plain.add(lower);
            }
        }
        return plain;
    }

    List<String> phrases() {
        return PHRASES;
    }

    /** The popular tags first. */
    List<String> tags() {
        return TAGS;
    }

    List<Channel> channels(String team) {
        return CHANNELS.stream().filter(c -> c.teamId().equals(team)).toList();
    }

    /** A team's people, the most prolific first. */
    List<String> users(String team) {
        return users.get(team);
    }

    /** A team's talks, the ones with the most takeaways first. */
    List<Talk> talks(String team) {
        return talks.get(team);
    }

    // --- Loading ---------------------------------------------------------------------------------------------------

    /**
     * Loads channels, talks and {@code rows} takeaways (COPY; the app's search trigger marks each row for indexing
     * as it does for a capture), has {@code index} index them (the app's indexer, as after captures), then VACUUM
     * ANALYZE. Takeaways are spread over the two years up to {@code end}.
     */
    Load load(Connection connection, int rows, Instant end, Consumer<String> progress, Runnable index)
            throws SQLException, IOException {
        PGConnection copyApi = connection.unwrap(PGConnection.class);
        insertChannels(connection, end);
        Map<String, long[]> talkIds = insertTalks(connection, copyApi, end);

        Rows generator = new Rows(talkIds, end);
        long started = System.nanoTime();
        for (int from = 0; from < rows; from += CHUNK) {
            int to = Math.min(rows, from + CHUNK);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copyApi, """
                    COPY takeaways (team_id, channel_id, channel_type, user_id, text, tags, talk_id, source,
                                    slack_request_id, permalink, created_at, updated_at) FROM STDIN""", 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16)) {
                for (int n = from; n < to; n++) {
                    generator.write(out, n, rows);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (to % 100_000 == 0 || to == rows) {
                progress.accept(String.format("  %,9d takeaways loaded, %,.0f s, %,.0f rows/s", to, seconds,
                        to / seconds));
            }
        }
        Duration copy = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        index.run();
        Duration indexed = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
        }
        return new Load(rows, copy, indexed, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void insertChannels(Connection connection, Instant end) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO channels (team_id, channel_id, channel_type, name, updated_at) VALUES (?, ?, ?, ?, ?)""")) {
            for (Channel channel : CHANNELS) {
                insert.setString(1, channel.teamId());
                insert.setString(2, channel.id());
                insert.setString(3, channel.type());
                insert.setString(4, channel.name());
                insert.setObject(5, end.atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Each team's talk ids, in the order of {@link #talks(String)}. */
    private Map<String, long[]> insertTalks(Connection connection, PGConnection copyApi, Instant end)
            throws SQLException, IOException {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copyApi,
                "COPY talks (team_id, title, title_key, created_by, created_at, event) FROM STDIN"),
                StandardCharsets.UTF_8))) {
            for (List<Talk> teamTalks : talks.values()) {
                for (Talk talk : teamTalks) {
                    Instant created = end.minus(SPAN).plusSeconds(random.nextLong(SPAN.toSeconds()));
                    copyRow(out, talk.teamId(), talk.title(), Talk.titleKey(talk.title()), talk.createdBy(), created.toString(),
                            talk.event());
                }
            }
        }
        Map<String, long[]> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM talks WHERE team_id = ? AND title_key = ?")) {
            for (var team : talks.entrySet()) {
                long[] teamIds = new long[team.getValue().size()];
                for (int i = 0; i < teamIds.length; i++) {
                    select.setString(1, team.getKey());
                    select.setString(2, Talk.titleKey(team.getValue().get(i).title()));
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        teamIds[i] = row.getLong(1);
                    }
                }
                ids.put(team.getKey(), teamIds);
            }
        }
        return ids;
    }

    /** Writes takeaways one at a time; one random stream, so the same seed makes the same corpus. */
    private final class Rows {

        private final SplittableRandom random = new SplittableRandom(SEED + 2);
        private final Zipf words = new Zipf(vocabulary.size(), 1.0, 1.5);
        private final Zipf phrases = new Zipf(PHRASES.size(), 1.0, 1.0);
        private final Zipf tags = new Zipf(TAGS.size(), 1.0, 1.0);
        private final Zipf channels = new Zipf(channels(TEAM).size(), 0.9, 1.0);
        private final Zipf teamUsers = new Zipf(USERS_IN_TEAM, 0.8, 2.0);
        private final Zipf teamTalks = new Zipf(TALKS_IN_TEAM, 0.8, 10.0);
        private final Map<String, long[]> talkIds;
        private final Instant start;
        private final long spanMicros;

        Rows(Map<String, long[]> talkIds, Instant end) {
            this.talkIds = talkIds;
            this.start = end.minus(SPAN);
            this.spanMicros = SPAN.toNanos() / 1000;
        }

        void write(Writer out, int n, int rows) throws IOException {
            boolean mainTeam = random.nextDouble() < 0.9;
            String team = mainTeam ? TEAM : OTHER_TEAM;
            List<Channel> teamChannels = channels(team);
            List<String> people = users(team);
            Channel channel = teamChannels.get(mainTeam ? channels.next(random) : random.nextInt(teamChannels.size()));
            String user = people.get(mainTeam ? teamUsers.next(random) : random.nextInt(people.size()));
            long[] teamTalkIds = talkIds.get(team);
            String talk = random.nextDouble() < 0.7
                    ? String.valueOf(teamTalkIds[mainTeam ? teamTalks.next(random) : random.nextInt(teamTalkIds.length)])
                    : null;
            List<String> rowTags = rowTags();
            // Oldest first, a few minutes of jitter: the table's physical order follows created_at, as in production.
            long micros = (long) ((n + random.nextDouble()) / rows * spanMicros);
            Instant created = start.plus(micros, ChronoUnit.MICROS);
            copyRow(out, team, channel.id(), channel.type(), user, text(rowTags, people),
                    "{" + String.join(",", rowTags) + "}", talk, "slash_command", "bench-" + n,
                    "https://bench.slack.com/archives/" + channel.id() + "/p" + (created.toEpochMilli() * 1000),
                    created.toString(), created.toString());
        }

        private List<String> rowTags() {
            if (random.nextDouble() >= 0.6) {
                return List.of();
            }
            double roll = random.nextDouble();
            int count = roll < 0.5 ? 1 : roll < 0.8 ? 2 : 3;
            Set<String> picked = new LinkedHashSet<>();
            while (picked.size() < count) {
                picked.add(TAGS.get(tags.next(random)));
            }
            return List.copyOf(picked);
        }

        /** Mostly a sentence or two; some bullet lists; a few long write-ups. Then a link and tags, sometimes. */
        private String text(List<String> rowTags, List<String> people) {
            StringBuilder text = new StringBuilder();
            double kind = random.nextDouble();
            if (kind < 0.02) {
                int length = 2_000 + random.nextInt(3_001);
                while (text.length() < length) {
                    if (!text.isEmpty()) {
                        text.append("\n\n");
                    }
                    if (random.nextDouble() < 0.3) {
                        bullets(text, 3 + random.nextInt(5));
                    } else {
                        for (int s = 2 + random.nextInt(4); s > 0; s--) {
                            sentence(text, 40 + random.nextInt(120));
                            text.append(s > 1 ? " " : "");
                        }
                    }
                }
            } else if (kind < 0.17) {
                bullets(text, 2 + random.nextInt(5));
            } else {
                int length = 60 + random.nextInt(201);
                while (text.length() < length) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    sentence(text, Math.max(30, Math.min(140, length - text.length())));
                }
            }
            if (random.nextDouble() < 0.2) {
                String link = LINKS.get(random.nextInt(LINKS.size()));
                text.append(random.nextBoolean() ? " see " : " ").append('<')
                        .append(random.nextDouble() < 0.3 ? link.replaceFirst("\\|.*", "") : link).append('>');
            }
            if (random.nextDouble() < 0.03) {
                text.append(" cc <@").append(people.get(random.nextInt(people.size()))).append('>');
            }
            for (String tag : rowTags) {
                text.append(" #").append(tag);
            }
            return text.toString();
        }

        private void bullets(StringBuilder text, int lines) {
            for (int line = 0; line < lines; line++) {
                if (line > 0) {
                    text.append('\n');
                }
                text.append("• ");
                sentence(text, 30 + random.nextInt(90));
            }
        }

        /** At least {@code length} characters of words, capitalised, with a full stop. */
        private void sentence(StringBuilder text, int length) {
            int start = text.length();
            while (text.length() - start < length) {
                if (text.length() > start) {
                    text.append(' ');
                }
                double roll = random.nextDouble();
                if (roll < 0.015) {
                    text.append(PHRASES.get(phrases.next(random)));
                } else if (roll < 0.04) {
                    text.append(2 + random.nextInt(500)).append(new String[] {"ms", "%", "x", "k", " GB", ""}[random.nextInt(6)]);
                } else if (roll < 0.34) {
                    text.append(FUNCTION_WORDS[random.nextInt(FUNCTION_WORDS.length)]);
                } else {
                    text.append(vocabulary.get(words.next(random)));
                }
            }
            text.setCharAt(start, Character.toUpperCase(text.charAt(start)));
            text.append('.');
        }
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void copyRow(Writer out, String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            String value = values[i];
            if (value == null) {
                out.write("\\N");
                continue;
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                switch (ch) {
                    case '\\' -> out.write("\\\\");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    case '\t' -> out.write("\\t");
                    default -> out.write(ch);
                }
            }
        }
        out.write('\n');
    }

    // --- Deriving the vocabulary, people and talks from the seed ------------------------------------------------

    /**
     * Frequency ranks: the head in its order; then 150 more real words; then made-up words (names, jargon, typos:
     * what makes a real vocabulary long) with the remaining real words scattered among them, so some real words
     * are rare.
     */
    private static List<String> rank(List<String> head, List<String> rest, List<String> madeUp, Random random) {
        List<String> ranked = new ArrayList<>(head);
        ranked.addAll(rest.subList(0, 150));
        List<String> tail = new ArrayList<>(madeUp);
        for (String word : rest.subList(150, rest.size())) {
            tail.add(random.nextInt(tail.size() + 1), word);
        }
        ranked.addAll(tail);
        return List.copyOf(ranked);
    }

    private static List<String> madeUpWords(int count, Set<String> real, Random random) {
        String[] onsets = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                "br", "cr", "dr", "fr", "gr", "kr", "pr", "tr", "st", "sk", "sp", "pl", "bl", "cl", "gl", "fl", "sh",
                "ch", "th", "qu"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
        String[] codas = {"", "", "", "n", "r", "l", "s", "t", "k", "m", "x", "nd", "rk", "st"};
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            StringBuilder word = new StringBuilder();
            for (int syllables = 2 + random.nextInt(2); syllables > 0; syllables--) {
                word.append(onsets[random.nextInt(onsets.length)]).append(vowels[random.nextInt(vowels.length)])
                        .append(codas[random.nextInt(codas.length)]);
            }
            String candidate = word.toString();
            if (candidate.length() >= 5 && candidate.length() <= 12 && !real.contains(candidate)) {
                words.add(candidate);
            }
        }
        return List.copyOf(words);
    }

    private List<Talk> talkTitles(String team, int count, Random random) {
        List<String> people = users.get(team);
        Map<String, Talk> byKey = new LinkedHashMap<>();
        while (byKey.size() < count) {
            String template = TALK_TEMPLATES.get(random.nextInt(TALK_TEMPLATES.size()));
            String subject = TALK_SUBJECTS.get(random.nextInt(TALK_SUBJECTS.size()));
            String other = TALK_SUBJECTS.get(random.nextInt(TALK_SUBJECTS.size()));
            String title = String.format(template, subject, other);
            // The same title at another event is another talk (and keeps titles unique in a team).
            String event = EVENTS.get(random.nextInt(EVENTS.size()));
            if (byKey.containsKey(Talk.titleKey(title))) {
                title = title + " (" + event + ")";
            }
            byKey.putIfAbsent(Talk.titleKey(title), new Talk(team, title, event, people.get(random.nextInt(people.size()))));
        }
        return List.copyOf(byKey.values());
    }

    /** 45 channels in the main team, 5 in the other; one in ten private. */
    private static List<Channel> channels() {
        String[] names = {"platform", "sre", "reinvent-2024", "infra", "learning", "data-eng", "security-team",
                "backend", "kubernetes", "devops", "architecture", "ml-team", "observability", "databases",
                "frontend", "oncall", "incidents", "finops", "kubecon", "mobile", "qa", "api-guild", "rust-guild",
                "java-guild", "python-guild", "cloud-costs", "tech-talks", "book-club", "conference-notes", "random",
                "eng-all", "design-reviews", "release-train", "perf", "ci-cd", "networking", "identity", "search",
                "payments-eng", "growth-eng", "leads-private", "security-private", "incident-war-room", "hiring",
                "general", "platform", "notes", "eng", "ops", "leadership"};
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String team = i < 45 ? TEAM : OTHER_TEAM;
            // One busy private channel (rank 6), three quiet ones, and one in the other team.
            boolean isPrivate = i == 6 || (i >= 40 && i <= 42) || i == 49;
            channels.add(new Channel(team, String.format("C%07d", i + 1), names[i],
                    isPrivate ? "private_channel" : "public_channel"));
        }
        return List.copyOf(channels);
    }

    private static List<String> words(String block) {
        return Arrays.stream(block.strip().split("\\s+")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Draws 0 .. n-1, rank r with a probability in proportion to 1 / (r + 1 + shift)^exponent (Zipf-Mandelbrot). */
    private static final class Zipf {

        private final double[] cumulative;

        Zipf(int n, double exponent, double shift) {
            cumulative = new double[n];
            double sum = 0;
            for (int rank = 0; rank < n; rank++) {
                sum += 1 / Math.pow(rank + 1 + shift, exponent);
                cumulative[rank] = sum;
            }
        }

        int next(SplittableRandom random) {
            double u = random.nextDouble() * cumulative[cumulative.length - 1];
            int index = Arrays.binarySearch(cumulative, u);
            return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
        }
    }
}
