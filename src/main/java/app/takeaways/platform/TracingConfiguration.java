package app.takeaways.platform;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import net.ttddyy.observation.tracing.DataSourceBaseContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What traces hold, when tracing is on ({@link TraceEndpoint}): Slack's requests and the work they start, each
 * with its database statements and Web API calls. Left out: the requests of probes and scrapers (health,
 * metrics), whose traces would outnumber the rest, and the statements of background rounds no request started
 * (search indexing every half second), which would be traces of one span each.
 * <p>
 * No span carries what a person wrote: statements are recorded as SQL with placeholders (never the values bound to
 * them, {@code jdbc.datasource-proxy.include-parameter-values: false}), Postgres leaves the values out of its
 * error messages ({@code logServerErrorDetail=false}), and an exception is exported by its type alone
 * ({@link RedactingSpanExporter}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TracingConfiguration.TracingOn.class)
class TracingConfiguration {

    @Bean
    OtlpTracingConnectionDetails otlpTracingConnectionDetails(Environment environment) {
        TraceEndpoint endpoint = TraceEndpoint.from(environment).orElseThrow();
        return endpoint::tracesUrl;
    }

    @Bean
    ObservationPredicate slackWorkOnly() {
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext request) {
                return request.getCarrier().getRequestURI().startsWith("/slack/");
            }
            if (context instanceof DataSourceBaseContext) {
                // a statement's parent is its connection's observation, left out (a no-op) when it had no parent
                return context.getParentObservation() instanceof Observation parent && !parent.isNoop();
            }
            return true;
        };
    }

    /**
     * Whatever exporter Boot configures (OTLP over HTTP or gRPC) sends spans through {@link RedactingSpanExporter},
     * and its failures are told by {@link QuietSpanExporter}.
     */
    @Bean
    static BeanPostProcessor exportedAsTheAppSaysSo(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof SpanExporter exporter) || bean instanceof QuietSpanExporter) {
                    return bean;
                }
                String variable = TraceEndpoint.from(environment).map(TraceEndpoint::variable).orElse("unset");
                return new QuietSpanExporter(new RedactingSpanExporter(exporter), variable);
            }
        };
    }

    static class TracingOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TraceEndpoint.from(context.getEnvironment()).isPresent();
        }
    }
}
