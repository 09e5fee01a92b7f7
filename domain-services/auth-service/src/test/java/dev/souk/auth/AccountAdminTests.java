package dev.souk.auth;

import dev.souk.kit.testing.ServiceTestSecurity;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Accounts made by an administrator: a chosen id and roles, for administrators only. */
@SoukServiceTest
@TestPropertySource(properties = {"souk.auth.admin.email=chief@souk.example", "souk.auth.admin.password=chief admin password 1"})
class AccountAdminTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void anAdminCreatesAnAccountWithAChosenIdThatCanLogIn() throws Exception {
        String id = "user-" + UUID.randomUUID();
        String email = id + "@example.com";

        create(as(login("chief@souk.example", "chief admin password 1")), id, email, "[\"CUSTOMER\"]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(id))
                .andExpect(jsonPath("$.roles[0]").value("CUSTOMER"));
        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery 9\"}"))
                .andExpect(status().isOk());

        create(as(login("chief@souk.example", "chief admin password 1")), id, "other-" + email, "[\"CUSTOMER\"]")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ACCOUNT_EXISTS"));
    }

    @Test
    void onlyAnAdminMayCreateAccountsAndNeverWithTheServiceRole() throws Exception {
        String id = "user-" + UUID.randomUUID();

        create(ServiceTestSecurity.anonymous(), id, id + "@example.com", "[\"ADMIN\"]").andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON).content(
                "{\"email\":\"c-" + id + "@example.com\",\"password\":\"correct horse battery 9\",\"fullName\":\"C\"}"));
        create(as(login("c-" + id + "@example.com", "correct horse battery 9")), id, id + "@example.com", "[\"ADMIN\"]")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        create(as(login("chief@souk.example", "chief admin password 1")), id, id + "@example.com", "[\"SERVICE\"]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));

        assertThat(jdbc.queryForObject("select count(*) from user_account where id = ?", Integer.class, id)).isZero();
    }

    private String login(String email, String password) throws Exception {
        String body = mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("accessToken").asText();
    }

    private ResultActions create(RequestPostProcessor caller, String id, String email, String roles) throws Exception {
        return mvc.perform(post("/api/auth/accounts").with(caller).contentType(MediaType.APPLICATION_JSON).content("""
                {"id":"%s","email":"%s","password":"correct horse battery 9","fullName":"Staff Member","roles":%s}"""
                .formatted(id, email, roles)));
    }
}
