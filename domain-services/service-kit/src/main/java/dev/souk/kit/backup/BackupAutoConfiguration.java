package dev.souk.kit.backup;

import dev.souk.backup.DatabaseBackup;
import dev.souk.kit.security.ServiceAccessRules;
import dev.souk.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Every service with a database backs it up when the hub asks ({@code POST <base-path>/internal/backups/{id}}, SERVICE
 * only), into {@code souk.backup.dir} ({@code ./data/backups} on a developer's machine): see {@link DatabaseBackup}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DataSource.class)
public class BackupAutoConfiguration {

    @Bean
    DatabaseBackup databaseBackup(@Value("${spring.application.name}") String application, DataSource dataSource,
                                  @Value("${souk.backup.dir}") Path root,
                                  @Value("${spring.datasource.username:}") String user,
                                  @Value("${spring.datasource.password:}") String password) {
        return new DatabaseBackup(application, dataSource, root, user, password);
    }

    @Bean
    BackupController backupController(DatabaseBackup backup) {
        return new BackupController(backup);
    }

    /** Only the hub's SERVICE token backs up, ahead of the service's own rules (which may let staff in). */
    @Bean
    ServiceAccessRules backupAccessRules(@Value("${souk.service.base-path}") String basePath) {
        return new BackupAccessRules(basePath);
    }

    record BackupAccessRules(String basePath) implements ServiceAccessRules, Ordered {

        @Override
        public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
            rules.requestMatchers(basePath + BackupController.PATH + "/**").hasRole(Roles.SERVICE);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
