package dev.souk.notification.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where to write to each customer, kept from user-events (registration and profile changes). */
@Component
public class ContactBook {

    public record Contact(String email, String fullName) {
    }

    private final JdbcTemplate jdbc;

    ContactBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the customer's address as of {@code at}; an older event than the one already applied changes nothing. */
    public void remember(String userId, String email, String fullName, Instant at) {
        Timestamp when = Timestamp.from(at);
        int updated = jdbc.update("update contact set email = ?, full_name = ?, updated_at = ? where user_id = ? and updated_at <= ?",
                email, fullName, when, userId, when);
        if (updated == 0) {
            jdbc.update("insert into contact (user_id, email, full_name, updated_at) select ?, ?, ?, ? where not exists "
                    + "(select 1 from contact where user_id = ?)", userId, email, fullName, when, userId);
        }
    }

    public Optional<Contact> of(String userId) {
        List<Contact> found = jdbc.query("select email, full_name from contact where user_id = ?",
                (rs, i) -> new Contact(rs.getString(1), rs.getString(2)), userId);
        return found.stream().findFirst();
    }
}
