package dev.souk.user.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

@Entity
@Table(name = "app_user")
public class User {

    @Id
    private String id;
    private String email;
    @Column(name = "full_name")
    private String fullName;
    private String phone;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected User() {
    }

    public User(String id, String email, String fullName, String phone, Instant now) {
        this.id = id;
        this.createdAt = now;
        change(email, fullName, phone, now);
    }

    public void change(String email, String fullName, String phone, Instant now) {
        this.email = normalise(email);
        this.fullName = fullName.strip();
        this.phone = normalisePhone(phone);
        this.updatedAt = now;
    }

    /** Whether a repeated create with these values describes this same user (a retried request). */
    public boolean sameAs(String email, String fullName, String phone) {
        return this.email.equals(normalise(email)) && this.fullName.equals(fullName.strip())
                && Objects.equals(this.phone, normalisePhone(phone));
    }

    private static String normalisePhone(String phone) {
        return phone == null || phone.isBlank() ? null : phone.strip();
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public String phone() {
        return phone;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
