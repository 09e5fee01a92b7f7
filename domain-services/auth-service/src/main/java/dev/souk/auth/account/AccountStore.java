package dev.souk.auth.account;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;

@Repository
class AccountStore {

    private static final RowMapper<Account> ACCOUNT = AccountStore::account;

    private final JdbcTemplate jdbc;

    AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account; a taken email fails with a duplicate key. */
    void insert(Account a) {
        jdbc.update("insert into user_account (id, email, full_name, password_hash, roles, created_at) values (?, ?, ?, ?, ?, ?)",
                a.id(), a.email(), a.fullName(), a.passwordHash(), String.join(",", a.roles()), Timestamp.from(a.createdAt()));
    }

    /** Moves the account from {@code from} to {@code to}; false when its email is no longer {@code from}. A taken email fails with a duplicate key. */
    boolean updateEmail(String id, String from, String to) {
        return jdbc.update("update user_account set email = ? where id = ? and email = ?", to, id, from) == 1;
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.query("select * from user_account where email = ?", ACCOUNT, email).stream().findFirst();
    }

    Optional<Account> find(String id) {
        return jdbc.query("select * from user_account where id = ?", ACCOUNT, id).stream().findFirst();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("email"), rs.getString("full_name"), rs.getString("password_hash"),
                Arrays.stream(rs.getString("roles").split(",")).filter(r -> !r.isBlank()).toList(),
                rs.getTimestamp("created_at").toInstant());
    }
}
