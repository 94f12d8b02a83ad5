package app.takeaways.platform;

import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.core.env.PropertyResolver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Where traces go, if anywhere: the first of these settings that is set (README.md, "Operating it"). Boot 4's own
 * property; Boot 3's {@code MANAGEMENT_OTLP_TRACING_ENDPOINT}, which Boot 4 no longer reads; OpenTelemetry's
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, the traces URL itself; and its {@code OTEL_EXPORTER_OTLP_ENDPOINT}, a
 * collector's base URL to which OTLP over HTTP adds {@code /v1/traces}. None set: tracing is off
 * ({@link TracingSwitch}).
 *
 * @param variable the environment variable it was read from, for a message that names it
 * @param url      its value
 * @param baseUrl  whether it is a collector's base URL rather than the traces URL itself
 */
record TraceEndpoint(String variable, String url, boolean baseUrl) {

    private record Setting(String property, String variable, boolean baseUrl) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("management.opentelemetry.tracing.export.otlp.endpoint",
                    "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", false),
            new Setting("management.otlp.tracing.endpoint", "MANAGEMENT_OTLP_TRACING_ENDPOINT", false),
            new Setting("otel.exporter.otlp.traces.endpoint", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", false),
            new Setting("otel.exporter.otlp.endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", true));

    /** The endpoint set, if any; a blank setting counts as unset. */
    static Optional<TraceEndpoint> from(PropertyResolver environment) {
        for (Setting setting : SETTINGS) {
            // The property's own name finds the environment variable too; the variable's name, a line of .env.
            for (String name : List.of(setting.property(), setting.variable())) {
                String value = environment.getProperty(name);
                if (value != null && !value.isBlank()) {
                    return Optional.of(new TraceEndpoint(setting.variable(), value.strip(), setting.baseUrl()));
                }
            }
        }
        return Optional.empty();
    }

    /** The URL spans are sent to over {@code transport}. */
    String tracesUrl(Transport transport) {
        check();
        if (!baseUrl || transport == Transport.GRPC) {
            return url;
        }
        return url.replaceAll("/+$", "") + "/v1/traces";
    }

    /** Stops the start, naming the variable, when the value is no http(s) URL. */
    void check() {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw unusable();
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw unusable();
        }
    }

    private InvalidSettingException unusable() {
        return new InvalidSettingException(variable, variable + " is not an http:// or https:// URL: it is where"
                + " traces are sent over OTLP, for example http://otel-collector:4318" + (baseUrl ? "" : "/v1/traces")
                + " (unset it to send none).");
    }
}
