package io.revtops.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.revtops.platform.config.RevtopsProperties;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The one DataSource: {@code DATABASE_URL} when set, else the embedded PostgreSQL kept in the data directory. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    /** Present only in embedded mode; closed after the pool. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(RevtopsProperties props) {
        return props.hasExternalDatabase()
                ? new EmbeddedDatabaseHolder(null)
                : new EmbeddedDatabaseHolder(EmbeddedDatabase.start(props.dataDir()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(RevtopsProperties props, EmbeddedDatabaseHolder embedded) {
        DatabaseUrl url = props.hasExternalDatabase() ? DatabaseUrl.parse(props.databaseUrl()) : embedded.database().url();
        HikariConfig config = new HikariConfig();
        config.setPoolName("revtops");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(Integer.getInteger("revtops.db.pool", 30));
        config.setMinimumIdle(2);
        // bursts (a thousand chats starting at once) queue for a connection rather than fail
        config.setConnectionTimeout(Long.getLong("revtops.db.connection-timeout-ms", 30_000));
        config.setInitializationFailTimeout(30_000);
        return new HikariDataSource(config);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
        // read-only transactions really are read-only in PostgreSQL (SET TRANSACTION READ ONLY), not just a hint
        tm.setEnforceReadOnly(true);
        return tm;
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    /** Keeps the optional embedded server as a bean so Spring stops it after the pool is closed. */
    public record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {
        public boolean embedded() {
            return database != null;
        }

        @Override
        public void close() {
            if (database != null) database.close();
        }
    }
}
