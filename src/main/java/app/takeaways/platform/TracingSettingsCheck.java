package app.takeaways.platform;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Checks where traces go before any bean starts, so that an endpoint that is no URL stops the app at once with one
 * line naming its variable, rather than inside Tomcat's start (the first request filter needs the tracer).
 */
class TracingSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        TraceEndpoint.from(event.getApplicationContext().getEnvironment()).ifPresent(TraceEndpoint::check);
    }
}
