package app.takeaways.platform;

import app.takeaways.testbed.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No endpoint set (the test bed's): no tracer, span processor or exporter, nothing wrapped around the
 * {@code DataSource}, so nothing of tracing runs on the way to an ack, nor any thread of it.
 */
class TracingOffTests extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Test
    void nothingOfTracingIsThere() throws SQLException {
        assertThat(context.getBeansOfType(OpenTelemetry.class)).isEmpty();
        assertThat(context.getBeansOfType(SpanProcessor.class)).isEmpty();
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        assertThat(context.getBeansOfType(TracingObservationHandler.class)).isEmpty();
        assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
        assertThat(dataSource.isWrapperFor(ProxyDataSource.class)).as("no JDBC proxy").isFalse();
        assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
    }
}
