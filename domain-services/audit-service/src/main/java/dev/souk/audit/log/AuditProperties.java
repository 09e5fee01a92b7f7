package dev.souk.audit.log;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * @param checkpointEvery    a signed checkpoint every this many entries
 * @param signingKeyFile     the Ed25519 key that signs checkpoints (created when missing)
 * @param trustedPublicKeys  earlier signing keys (base64 X.509) whose checkpoints still count, after a key change
 */
@ConfigurationProperties("souk.audit")
public record AuditProperties(
        @DefaultValue("100") int checkpointEvery,
        Path signingKeyFile,
        @DefaultValue List<String> trustedPublicKeys) {

    public AuditProperties {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("souk.audit.checkpoint-every must be at least 1");
        }
    }
}
