package app.takeaways.database;

import app.takeaways.platform.InvalidSettingException;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Checks the database settings before anything starts, so a wrong one stops the app with one clear line. Values
 * are never repeated back: a JDBC URL may carry a password.
 */
class DatabaseSettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (StringUtils.hasText(url)) {
            if (!url.strip().startsWith("jdbc:postgresql:")) {
                throw new InvalidSettingException("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_URL must be a PostgreSQL"
                        + " JDBC URL such as jdbc:postgresql://localhost:5432/takeaways (not postgres://...).");
            }
            return;
        }
        for (String variable : new String[] {"username", "password"}) {
            if (StringUtils.hasText(environment.getProperty("spring.datasource." + variable))) {
                String name = "SPRING_DATASOURCE_" + variable.toUpperCase();
                throw new InvalidSettingException(name, name + " is set but SPRING_DATASOURCE_URL is not: set"
                        + " SPRING_DATASOURCE_URL to use your Postgres, or unset " + name
                        + " to use the embedded database.");
            }
        }
    }
}
