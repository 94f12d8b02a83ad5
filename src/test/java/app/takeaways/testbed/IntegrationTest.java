package app.takeaways.testbed;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The test bed ({@link SlackTestBed}) for one workspace: {@code SLACK_BOT_TOKEN} and HTTP mode. */
public abstract class IntegrationTest extends SlackTestBed {

    @DynamicPropertySource
    static void testBed(DynamicPropertyRegistry registry) {
        register(registry, "takeaways", BOT_TOKEN, SIGNING_SECRET, "");
    }
}
