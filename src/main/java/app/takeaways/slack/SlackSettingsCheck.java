package app.takeaways.slack;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Binds the Slack settings before any bean starts (the embedded database included), so a missing or contradictory
 * one stops the app at once with the one line {@code SlackProperties} says.
 */
class SlackSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Binder.get(event.getApplicationContext().getEnvironment()).bindOrCreate("slack", SlackProperties.class);
    }
}
