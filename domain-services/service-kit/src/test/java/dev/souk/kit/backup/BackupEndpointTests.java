package dev.souk.kit.backup;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A service backs up its own (file) database when the hub asks, once per backup id, and only the hub may ask. */
@SoukServiceTest
@TestPropertySource(locations = "classpath:kit-test.properties", properties = {
        "spring.datasource.url=jdbc:h2:file:./target/backup-endpoint-tests/${random.uuid}/db",
        "souk.backup.dir=./target/backup-endpoint-tests/backups"})
class BackupEndpointTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theHubBacksUpTheServicesDatabaseOnceAndVerifiesIt() throws Exception {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);

        mvc.perform(post("/api/widgets/internal/backups/{id}", id))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.app").value("kit-test"))
                .andExpect(jsonPath("$.file").value("kit-test.h2.zip"))
                .andExpect(jsonPath("$.format").value("h2-backup-zip"))
                .andExpect(jsonPath("$.sha256").isString());
        mvc.perform(post("/api/widgets/internal/backups/{id}", id))
                .andExpect(status().isOk());
        mvc.perform(post("/api/widgets/internal/backups/{id}/verify", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.restored").value(true))
                .andExpect(jsonPath("$.tables").value(org.hamcrest.Matchers.greaterThan(0)));
        assertThat(Path.of("target/backup-endpoint-tests/backups", id, "kit-test.h2.zip")).isRegularFile();

        mvc.perform(delete("/api/widgets/internal/backups/{id}", id)).andExpect(status().isNoContent());
        mvc.perform(delete("/api/widgets/internal/backups/{id}", id)).andExpect(status().isNoContent());
        assertThat(Path.of("target/backup-endpoint-tests/backups", id)).doesNotExist();
        mvc.perform(delete("/api/widgets/internal/backups/{id}", id).with(admin())).andExpect(status().isForbidden());
    }

    @Test
    void onlyTheHubMayBackUpAndIdsAreChecked() throws Exception {
        mvc.perform(post("/api/widgets/internal/backups/b-1").with(admin()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/widgets/internal/backups/b-1").with(customer("user-1")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/widgets/internal/backups/b-1").with(anonymous()))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/widgets/internal/backups/{id}", "-" + "x".repeat(70)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }
}
