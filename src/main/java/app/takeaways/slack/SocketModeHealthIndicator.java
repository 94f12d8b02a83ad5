package app.takeaways.slack;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Socket Mode is the only way Slack reaches the app: not connected means not serving. */
class SocketModeHealthIndicator implements HealthIndicator {

    private final SocketModeConnection connection;

    SocketModeHealthIndicator(SocketModeConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        return connection.isConnected()
                ? Health.up().withDetail("transport", "socket mode").build()
                : Health.down().withDetail("transport", "socket mode").withDetail("reason", "not connected to Slack")
                        .build();
    }
}
