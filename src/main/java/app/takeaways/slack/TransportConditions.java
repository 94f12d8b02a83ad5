package app.takeaways.slack;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which ways Slack reaches the app, and whether it serves one workspace or many, decided exactly as
 * {@link SlackProperties} reads the settings.
 */
final class TransportConditions {

    private TransportConditions() {
    }

    private static SlackProperties properties(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bindOrCreate("slack", SlackProperties.class);
    }

    static class SocketMode extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).socketMode()
                    ? ConditionOutcome.match("SLACK_APP_TOKEN is set: Socket Mode")
                    : ConditionOutcome.noMatch("SLACK_APP_TOKEN is not set");
        }
    }

    static class HttpMode extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).httpMode()
                    ? ConditionOutcome.match("SLACK_SIGNING_SECRET is set: HTTP requests at /slack/events")
                    : ConditionOutcome.noMatch("SLACK_SIGNING_SECRET is not set");
        }
    }

    static class OAuthMode extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).oauthMode()
                    ? ConditionOutcome.match("SLACK_CLIENT_ID is set: installs into many workspaces (OAuth)")
                    : ConditionOutcome.noMatch("SLACK_CLIENT_ID is not set: one workspace, SLACK_BOT_TOKEN");
        }
    }

    static class OneWorkspace extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return properties(context).oauthMode()
                    ? ConditionOutcome.noMatch("SLACK_CLIENT_ID is set: OAuth")
                    : ConditionOutcome.match("SLACK_BOT_TOKEN: one workspace");
        }
    }
}
