package dev.souk.hub.backup;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code souk.backup.newest.verified.age.seconds}: how old the newest backup that passed verification is (-1 while
 * there is none), the figure to alert on when backups or their checks stop.
 */
@Component
class BackupMetrics implements MeterBinder {

    private final BackupStore backups;

    BackupMetrics(BackupStore backups) {
        this.backups = backups;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("souk.backup.newest.verified.age.seconds", backups, BackupStore::newestVerifiedAgeSeconds)
                .description("Seconds since the newest verified backup started; -1 while there is none")
                .baseUnit("seconds")
                .register(registry);
    }
}
