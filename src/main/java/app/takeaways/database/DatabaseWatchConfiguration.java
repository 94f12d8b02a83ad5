package app.takeaways.database;

import app.takeaways.platform.DatabaseFailures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import javax.sql.DataSource;

/**
 * How the app watches its database: its {@code DataSource} is a {@link WatchedDataSource}, and the health check
 * ({@code db}, in readiness) answers DOWN while the database is away without a stack trace each time it is asked
 * ({@link DatabaseOutages} says it once). A check that fails for another reason is still logged with its cause.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseWatchConfiguration {

    @Bean
    static BeanPostProcessor watchedDataSource(ObjectProvider<DatabaseOutages> outages) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof WatchedDataSource)
                        ? new WatchedDataSource(pool, outages.getObject()) : bean;
            }
        };
    }

    /**
     * Boot's JPA transaction manager, but a transaction whose connection the database dropped counts as rolled back
     * (the server ended it with the connection): otherwise the failed rollback hides what went wrong and Spring logs
     * the statement's failure as an error with its stack trace, for what is only the database going away.
     */
    @Bean
    JpaTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {
        JpaTransactionManager transactions = new JpaTransactionManager() {
            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                try {
                    super.doRollback(status);
                } catch (RuntimeException e) {
                    if (!DatabaseFailures.unreachable(e)) {
                        throw e;
                    }
                }
            }
        };
        customizers.ifAvailable(customizer -> customizer.customize(transactions));
        return transactions;
    }

    /** In place of Boot's, which logs a warning with its stack trace at every check the database is away for. */
    @Bean
    DataSourceHealthIndicator dbHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource) {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                try {
                    super.doHealthCheck(builder);
                } catch (RuntimeException e) {
                    if (!DatabaseFailures.unreachable(e)) {
                        throw e;
                    }
                    builder.down().withDetail("error", DatabaseFailures.describe(e));
                }
            }
        };
    }
}
