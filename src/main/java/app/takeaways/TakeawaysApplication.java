package app.takeaways;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Takeaways: a Slack bot for team learning notes. Capture talk takeaways in Slack, keep them in Postgres, and
 * bring them back as search, summaries and weekly digests.
 */
@SpringBootApplication
public class TakeawaysApplication {

    public static void main(String[] args) {
        SpringApplication.run(TakeawaysApplication.class, args);
    }

    /** The one source of "now": domain code never asks the system clock itself. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
