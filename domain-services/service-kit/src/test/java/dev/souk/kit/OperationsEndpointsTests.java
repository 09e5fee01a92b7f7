package dev.souk.kit;

import dev.souk.kit.testing.ServiceTestSecurity;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@AutoConfigureObservability
@TestPropertySource(locations = "classpath:kit-test.properties")
class OperationsEndpointsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void healthIsUpWithItsDatabase() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    @Test
    void prometheusScrapeCarriesTheApplicationTag() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(ServiceTestSecurity.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("application=\"kit-test\"")));
    }
}
