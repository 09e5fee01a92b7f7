package dev.souk.user;

import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
class UserApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createdUserCanBeReadAndExists() throws Exception {
        String id = newId();
        create(id, id + "@Example.com", "Ada Lovelace")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/users/" + id))
                .andExpect(jsonPath("$.email").value(id.toLowerCase() + "@example.com"));

        mvc.perform(get("/api/users/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fullName").value("Ada Lovelace"));
        mvc.perform(get("/api/users/{id}/exists", id))
                .andExpect(status().isOk())
                .andExpect(content().string("true"));
        assertThat(outboxEventsFor(id)).containsExactly("UserRegistered");
    }

    @Test
    void unknownUserDoesNotExistAndIsNotFound() throws Exception {
        mvc.perform(get("/api/users/{id}/exists", "nobody"))
                .andExpect(status().isOk())
                .andExpect(content().string("false"));
        mvc.perform(get("/api/users/{id}", "nobody"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("USER_NOT_FOUND"));
    }

    @Test
    void repeatingACreateIsHarmlessButADifferentUserUnderTheSameIdConflicts() throws Exception {
        String id = newId();
        create(id, id + "@example.com", "Grace Hopper").andExpect(status().isCreated());

        create(id, id + "@example.com", "Grace Hopper").andExpect(status().isOk());
        create(id, id + "@example.com", "Someone Else")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("USER_EXISTS"));
        assertThat(outboxEventsFor(id)).containsExactly("UserRegistered");
    }

    @Test
    void anEmailBelongsToOneUser() throws Exception {
        String first = newId();
        String second = newId();
        create(first, first + "@example.com", "First").andExpect(status().isCreated());

        create(second, first.toUpperCase() + "@EXAMPLE.com", "Second")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("EMAIL_TAKEN"));
        mvc.perform(get("/api/users/{id}/exists", second)).andExpect(content().string("false"));
    }

    @Test
    void updateChangesTheProfileAndPublishesAnEvent() throws Exception {
        String id = newId();
        create(id, id + "@example.com", "Old Name").andExpect(status().isCreated());

        mvc.perform(put("/api/users/{id}", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + id + "@new.example\",\"fullName\":\"New Name\",\"phone\":\"+44 20 7946 0000\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fullName").value("New Name"))
                .andExpect(jsonPath("$.phone").value("+44 20 7946 0000"));
        assertThat(outboxEventsFor(id)).containsExactly("UserRegistered", "UserUpdated");
    }

    @Test
    void updateOfAnUnknownUserIsNotFound() throws Exception {
        mvc.perform(put("/api/users/{id}", "ghost").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"ghost@example.com\",\"fullName\":\"Ghost\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("USER_NOT_FOUND"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        long before = userCount();
        String[] badBodies = {
                "{\"email\":\"not-an-email\",\"fullName\":\"X\"}",
                "{\"email\":\"\",\"fullName\":\"X\"}",
                "{\"email\":\"a@example.com\"}",
                "{\"id\":\"has spaces\",\"email\":\"b@example.com\",\"fullName\":\"X\"}",
                "{\"email\":\"c@example.com\",\"fullName\":\"X\",\"phone\":\"call me\"}",
                "{\"email\":\"d@example.com\",\"fullName\":\"" + "x".repeat(201) + "\"}",
        };
        for (String body : badBodies) {
            mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{\"email\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(get("/api/users/{id}", "bad id!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/users").param("size", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void listIsPaged() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = newId();
            create(id, id + "@example.com", "Paged " + i).andExpect(status().isCreated());
        }
        mvc.perform(get("/api/users").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.size").value(2));
    }

    private ResultActions create(String id, String email, String fullName) throws Exception {
        return mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"fullName\":\"" + fullName + "\"}"));
    }

    private java.util.List<String> outboxEventsFor(String id) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, id);
    }

    private long userCount() {
        return jdbc.queryForObject("select count(*) from app_user", Long.class);
    }

    private static String newId() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
