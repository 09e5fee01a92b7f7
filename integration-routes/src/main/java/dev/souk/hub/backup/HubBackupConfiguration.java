package dev.souk.hub.backup;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.souk.backup.DatabaseBackup;

/** The hub's own database (its tables, the scheduler's and the engine's) backed up like every service's. */
@Configuration(proxyBeanMethods = false)
class HubBackupConfiguration {

    @Bean
    DatabaseBackup hubDatabaseBackup(DataSource dataSource, @Value("${souk.backup.dir}") Path root,
                                     @Value("${spring.datasource.username:}") String user,
                                     @Value("${spring.datasource.password:}") String password) {
        return new DatabaseBackup(BackupRoutes.HUB, dataSource, root, user, password);
    }
}
