package app.takeaways.platform;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Log lines carry a trace and span id only when tracing is on ({@link TraceEndpoint}). Boot expects them as soon as
 * Micrometer Tracing is on the class path, and pads every line without one with a blank {@code [ ... ]} of 50
 * characters; with tracing off, the log reads as it did before tracing existed. {@code LOGGING_EXPECT_CORRELATION_ID}
 * still decides, if set.
 */
class TracingLogCorrelation implements EnvironmentPostProcessor {

    // Boot's own source of the same default, which this one goes before.
    private static final String BOOTS = "logCorrelation";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Its source is not the environment itself: Boot's binder would walk into it, and round and round.
        EnumerablePropertySource<Object> expected = new EnumerablePropertySource<>("tracingLogCorrelation", this) {
            @Override
            public String[] getPropertyNames() {
                return new String[] {LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY};
            }

            @Override
            public Object getProperty(String name) {
                return LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY.equals(name)
                        ? TraceEndpoint.from(environment).isPresent() : null;
            }
        };
        if (environment.getPropertySources().contains(BOOTS)) {
            environment.getPropertySources().addBefore(BOOTS, expected);
        } else {
            environment.getPropertySources().addLast(expected);
        }
    }
}
