package app.takeaways.slack;

import app.takeaways.workspace.EncryptionSettings;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Binds the Slack settings before any bean starts (the embedded database included), so a missing or contradictory
 * one stops the app at once with the one line {@code SlackProperties} says; in OAuth mode so does a missing or
 * malformed {@code TAKEAWAYS_ENCRYPTION_KEY}.
 */
class SlackSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Binder binder = Binder.get(event.getApplicationContext().getEnvironment());
        SlackProperties slack = binder.bindOrCreate("slack", SlackProperties.class);
        if (slack.oauthMode()) {
            // OAuth mode stores tokens: no start without the key they are encrypted with.
            binder.bindOrCreate("takeaways.encryption", EncryptionSettings.class).requireCipher();
        }
    }
}
