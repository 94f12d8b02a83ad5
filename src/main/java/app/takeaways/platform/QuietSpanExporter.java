package app.takeaways.platform;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once that traces cannot be delivered (the collector is down, refuses them, or cannot be reached), and once
 * when they can again, instead of OpenTelemetry's exporter logging an error with its stack trace at every batch
 * (its own loggers are turned off in {@code application.yml}). The spans of a failed batch are dropped: the app
 * does not wait for its collector.
 */
final class QuietSpanExporter implements SpanExporter {

    private static final Logger log = LoggerFactory.getLogger(QuietSpanExporter.class);

    private final SpanExporter delegate;
    private final String variable;
    private final AtomicBoolean failing = new AtomicBoolean();

    QuietSpanExporter(SpanExporter delegate, String variable) {
        this.delegate = delegate;
        this.variable = variable;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                if (failing.compareAndSet(true, false)) {
                    log.info("Traces are delivered again");
                }
            } else if (failing.compareAndSet(false, true)) {
                log.warn("Traces cannot be delivered to the OTLP endpoint ({}): {}; they are dropped until it"
                        + " takes them", variable, reason(result.getFailureThrowable()));
            }
        });
        return result;
    }

    private static String reason(Throwable failure) {
        if (failure == null) {
            return "it refused them";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
