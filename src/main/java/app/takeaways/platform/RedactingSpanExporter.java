package app.takeaways.platform;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;

/**
 * Sends spans on without the words of the exceptions they recorded: a failed span keeps its error status and the
 * exception's type, not its message or stack trace, since a message can quote what a statement or a request was
 * given (a note's text, say). What a trace needs to find the failure, its type and where it happened, stays.
 */
final class RedactingSpanExporter implements SpanExporter {

    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private final SpanExporter delegate;

    RedactingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().<SpanData>map(Redacted::new).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    private static final class Redacted extends DelegatingSpanData {

        private final StatusData status;
        private final List<EventData> events;

        Redacted(SpanData span) {
            super(span);
            this.status = StatusData.create(span.getStatus().getStatusCode(), "");
            this.events = span.getEvents().stream().map(Redacted::withoutWords).toList();
        }

        private static EventData withoutWords(EventData event) {
            String type = event.getAttributes().get(EXCEPTION_TYPE);
            Attributes kept = type == null ? Attributes.empty() : Attributes.of(EXCEPTION_TYPE, type);
            return EventData.create(event.getEpochNanos(), event.getName(), kept, kept.size());
        }

        @Override
        public StatusData getStatus() {
            return status;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }
    }
}
