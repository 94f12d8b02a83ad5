package app.takeaways.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What leaves the app in a span, and what the log says when the collector does not take it. */
class TraceExportTests {

    private final List<SpanData> sent = new ArrayList<>();
    private final List<CompletableResultCode> answers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private final SpanExporter collector = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            sent.addAll(spans);
            return answers.isEmpty() ? CompletableResultCode.ofSuccess() : answers.remove(0);
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    };

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(QuietSpanExporter.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(QuietSpanExporter.class)).detachAppender(log);
    }

    @Test
    void aFailedSpanKeepsItsErrorAndTheExceptionsTypeButNotItsWords() {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(collector))).build()) {
            Span span = tracing.get("test").spanBuilder("query").startSpan();
            IllegalStateException failure = new IllegalStateException("Failing row contains (Zebra canaries)");
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getMessage());
            span.end();
        }

        SpanData exported = sent.get(0);
        assertThat(exported.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(exported.getStatus().getDescription()).isEmpty();
        assertThat(exported.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().asMap()).containsOnlyKeys(AttributeKey.stringKey("exception.type"));
            assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo("java.lang.IllegalStateException");
        });
        assertThat(exported.toString()).doesNotContain("Zebra");
    }

    @Test
    void aCollectorThatDoesNotAnswerIsSaidOnceAndItsReturnOnce() {
        QuietSpanExporter exporter = new QuietSpanExporter(collector, "OTEL_EXPORTER_OTLP_ENDPOINT");
        for (int i = 0; i < 5; i++) {
            answers.add(CompletableResultCode.ofExceptionalFailure(new IllegalStateException("export failed",
                    new ConnectException("Connection refused"))));
        }

        for (int batch = 0; batch < 7; batch++) {
            exporter.export(List.of());
        }

        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("Traces cannot be delivered to the OTLP endpoint"
                + " (OTEL_EXPORTER_OTLP_ENDPOINT): ConnectException: Connection refused; they are dropped until it"
                + " takes them");
        assertThat(log.list.get(1).getFormattedMessage()).isEqualTo("Traces are delivered again");
        assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }
}
