package app.takeaways.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which setting says where traces go, and the URL spans are sent to. */
class TraceEndpointTests {

    @Test
    void nothingSetIsTracingOff() {
        assertThat(TraceEndpoint.from(new MockEnvironment())).isEmpty();
        assertThat(TraceEndpoint.from(new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", " ")))
                .as("blank is unset").isEmpty();
    }

    @Test
    void openTelemetrysBaseUrlGetsTheTracesPathOverHttpOnly() {
        TraceEndpoint endpoint = TraceEndpoint.from(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")).orElseThrow();

        assertThat(endpoint.tracesUrl(Transport.HTTP)).isEqualTo("http://collector:4318/v1/traces");
        assertThat(endpoint.tracesUrl(Transport.GRPC)).isEqualTo("http://collector:4318/");
    }

    @Test
    void aTracesUrlIsTakenAsItIsAndBootsOwnNameComesFirst() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318")
                .withProperty("MANAGEMENT_OTLP_TRACING_ENDPOINT", "http://boot3:4318/v1/traces");
        assertThat(TraceEndpoint.from(environment).orElseThrow().tracesUrl(Transport.HTTP))
                .isEqualTo("http://boot3:4318/v1/traces");

        environment.setProperty("management.opentelemetry.tracing.export.otlp.endpoint", "https://boot4/v1/traces");
        assertThat(TraceEndpoint.from(environment).orElseThrow().tracesUrl(Transport.HTTP))
                .isEqualTo("https://boot4/v1/traces");
    }

    @Test
    void aValueThatIsNoUrlStopsTheStartNamingItsVariableNotItsValue() {
        TraceEndpoint endpoint = TraceEndpoint.from(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "traces.internal:4318")).orElseThrow();

        assertThatThrownBy(() -> endpoint.tracesUrl(Transport.HTTP)).isInstanceOfSatisfying(
                InvalidSettingException.class, e -> {
                    assertThat(e.variable()).isEqualTo("OTEL_EXPORTER_OTLP_ENDPOINT");
                    assertThat(e.getMessage()).startsWith("OTEL_EXPORTER_OTLP_ENDPOINT is not an http:// or https://"
                            + " URL").doesNotContain("traces.internal");
                });
    }
}
