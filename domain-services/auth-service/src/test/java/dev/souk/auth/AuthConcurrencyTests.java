package dev.souk.auth;

import dev.souk.auth.account.Accounts;
import dev.souk.auth.token.Sessions;
import dev.souk.auth.token.Sessions.TokenPair;
import dev.souk.kit.problem.ApiException;
import dev.souk.kit.testing.Concurrently;
import dev.souk.kit.testing.PostgresTestDatabase;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.concurrent.Callable;

import static dev.souk.auth.AuthApiTests.PASSWORD;
import static dev.souk.auth.AuthApiTests.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent use of one refresh token and concurrent registrations of one email, on the real PostgreSQL server.
 * The documented choice for a refresh token presented several times at once: exactly one request gets new tokens,
 * every other one counts as reuse, and the session ends revoked (the winner's new refresh token fails as well).
 */
@SoukServiceTest
@TestPropertySource(properties = {
        "souk.auth.bcrypt-strength=4",
        "souk.auth.key-dir=target/test-data/auth-keys/${random.uuid}",
})
class AuthConcurrencyTests {

    private static final int PARALLEL = 10;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.use(registry, "souk_auth_concurrency_test", 16);
    }

    @Autowired
    Accounts accounts;
    @Autowired
    Sessions sessions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneRefreshTokenPresentedTenTimesAtOnceSucceedsOnceAndEndsTheSession() throws Exception {
        String email = newEmail();
        accounts.register(email, PASSWORD, "Jane");
        TokenPair login = sessions.login(email, PASSWORD);

        List<String> outcomes = Concurrently.runTogether(PARALLEL,
                () -> outcome(() -> sessions.refresh(login.refreshToken()).refreshToken()));

        List<String> winners = outcomes.stream().filter(o -> !o.equals("REFRESH_TOKEN_REUSED")).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn("REFRESH_TOKEN_REUSED"::equals).hasSize(PARALLEL - 1);
        assertThat(jdbc.queryForObject("select count(*) from refresh_family f join user_account a on a.id = f.user_id "
                + "where a.email = ? and f.revoked_at is not null and f.revoke_reason = 'REUSE'", Integer.class, email)).isEqualTo(1);
        assertThat(outcome(() -> sessions.refresh(winners.get(0)).refreshToken())).isEqualTo("INVALID_REFRESH_TOKEN");
        // a new login starts a new session
        assertThat(sessions.refresh(sessions.login(email, PASSWORD).refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void oneEmailRegisteredTenTimesAtOnceMakesOneAccount() throws Exception {
        String email = newEmail();
        List<String> outcomes = Concurrently.runTogether(PARALLEL,
                () -> outcome(() -> accounts.register(email.toUpperCase(), PASSWORD, "Jane").id()));

        assertThat(outcomes).filteredOn(o -> o.startsWith("user-")).hasSize(1);
        assertThat(outcomes).filteredOn("EMAIL_TAKEN"::equals).hasSize(PARALLEL - 1);
        assertThat(jdbc.queryForObject("select count(*) from user_account where email = ?", Integer.class, email)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where event_type = 'UserRegistered' and payload like ?",
                Integer.class, "%" + email + "%")).isEqualTo(1);
    }

    private static String outcome(Callable<String> command) throws Exception {
        try {
            return command.call();
        } catch (ApiException e) {
            return e.code();
        }
    }
}
