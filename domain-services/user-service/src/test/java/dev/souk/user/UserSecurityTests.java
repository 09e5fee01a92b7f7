package dev.souk.user;

import dev.souk.kit.testing.SoukServiceTest;
import dev.souk.security.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static dev.souk.kit.testing.ServiceTestSecurity.anonymous;
import static dev.souk.kit.testing.ServiceTestSecurity.as;
import static dev.souk.kit.testing.ServiceTestSecurity.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who may reach which profile: a customer only their own; creating and listing users is for the platform and staff. */
@SoukServiceTest
class UserSecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        String id = createUser("Ada");

        mvc.perform(get("/api/users/{id}", id).with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(get("/api/users/{id}", id).with(as(TestTokens.expired())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void aCustomerReadsAndChangesTheirOwnProfile() throws Exception {
        String id = createUser("Ada");

        mvc.perform(get("/api/users/{id}", id).with(customer(id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fullName").value("Ada"));
        mvc.perform(get("/api/users/{id}/exists", id).with(customer(id)))
                .andExpect(status().isOk())
                .andExpect(content().string("true"));
        mvc.perform(put("/api/users/{id}", id).with(customer(id)).contentType(MediaType.APPLICATION_JSON)
                        .content(profile(id, "Ada Lovelace")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fullName").value("Ada Lovelace"));
    }

    @Test
    void aCustomerCannotReachAnotherUsersProfile() throws Exception {
        String victim = createUser("Bob");
        String intruder = createUser("Eve");

        mvc.perform(get("/api/users/{id}", victim).with(customer(intruder)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/users/{id}/exists", victim).with(customer(intruder)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/users/{id}", victim).with(customer(intruder)).contentType(MediaType.APPLICATION_JSON)
                        .content(profile(victim, "Hijacked")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        assertThat(fullName(victim)).isEqualTo("Bob");
    }

    @Test
    void aCustomerCannotClaimAnotherEmailThroughTheProfile() throws Exception {
        String id = createUser("Eve");
        String unclaimed = newId() + "@example.com";

        mvc.perform(put("/api/users/{id}", id).with(customer(id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + unclaimed + "\",\"fullName\":\"Eve\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("EMAIL_MANAGED_BY_ACCOUNT"));
        assertThat(email(id)).isEqualTo(id + "@example.com");

        mvc.perform(put("/api/users/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + unclaimed + "\",\"fullName\":\"Eve\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(unclaimed));
    }

    @Test
    void creatingAndListingUsersIsNotForCustomers() throws Exception {
        String id = newId();
        long before = userCount();

        mvc.perform(post("/api/users").with(customer(id)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\"," + profile(id, "Mallory").substring(1)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/users").with(customer(id)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));

        assertThat(userCount()).isEqualTo(before);
        mvc.perform(get("/api/users").with(admin())).andExpect(status().isOk());
    }

    private String createUser(String fullName) throws Exception {
        String id = newId();
        mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\"," + profile(id, fullName).substring(1)))
                .andExpect(status().isCreated());
        return id;
    }

    private static String profile(String id, String fullName) {
        return "{\"email\":\"" + id + "@example.com\",\"fullName\":\"" + fullName + "\"}";
    }

    private String fullName(String id) {
        return jdbc.queryForObject("select full_name from app_user where id = ?", String.class, id);
    }

    private String email(String id) {
        return jdbc.queryForObject("select email from app_user where id = ?", String.class, id);
    }

    private long userCount() {
        return jdbc.queryForObject("select count(*) from app_user", Long.class);
    }

    private static String newId() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
