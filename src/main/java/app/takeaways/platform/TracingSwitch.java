package app.takeaways.platform;

import net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.Set;

/**
 * Tracing is off unless an endpoint is set ({@link TraceEndpoint}): then the OpenTelemetry SDK, Micrometer
 * Tracing, Prometheus exemplars and the JDBC observation proxy are not configured at all, so there is no tracer, no
 * span processor thread, no exporter and nothing between the app and its {@code DataSource}: requests do what they
 * did before tracing existed. Logs are never exported over OTLP (they go to the console), so OpenTelemetry's log
 * processor, a thread of its own, is always left out.
 * <p>
 * Decided as auto-configurations are imported (not from an environment post-processor), so that settings a test
 * adds to the environment late are seen too.
 */
class TracingSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final Set<String> TRACING = Set.of(
            OpenTelemetrySdkAutoConfiguration.class.getName(),
            OpenTelemetryTracingAutoConfiguration.class.getName(),
            OtlpTracingAutoConfiguration.class.getName(),
            MicrometerTracingAutoConfiguration.class.getName(),
            PrometheusExemplarsAutoConfiguration.class.getName(),
            DataSourceObservationAutoConfiguration.class.getName());

    private static final Set<String> NEVER = Set.of(
            OpenTelemetryLoggingAutoConfiguration.class.getName(),
            OtlpLoggingAutoConfiguration.class.getName());

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean tracing = TraceEndpoint.from(environment).isPresent();
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = candidate == null || !(NEVER.contains(candidate) || !tracing && TRACING.contains(candidate));
        }
        return matches;
    }
}
