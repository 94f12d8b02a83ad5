package app.takeaways.database;

import app.takeaways.platform.BackgroundStart;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * No {@code SPRING_DATASOURCE_URL}: the app runs its own Postgres 17 (zonky's binaries, started early by
 * {@link EmbeddedPostgresStartup}), keeps its data under {@code ./data/postgres} between runs and stops it when the
 * app stops. Flyway then migrates it like any other.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedPostgres embeddedPostgres(
            @Qualifier(EmbeddedPostgresStartup.BEAN_NAME) BackgroundStart<EmbeddedPostgres> startup) {
        return startup.await();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, Environment environment) {
        String database = Binder.get(environment)
                .bindOrCreate("takeaways.embedded-database", EmbeddedDatabaseProperties.class).databaseName();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(EmbeddedPostgresStartup.SUPERUSER, database));
        dataSource.setUsername(EmbeddedPostgresStartup.SUPERUSER);
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
