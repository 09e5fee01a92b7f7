package dev.souk.auth.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
class RefreshTokenStore {

    private final JdbcTemplate jdbc;

    RefreshTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored refresh token with its family's state. */
    record StoredToken(String tokenHash, String familyId, String userId, Instant expiresAt, Instant usedAt, boolean familyRevoked) {
    }

    void createFamily(String familyId, String userId, Instant now) {
        jdbc.update("insert into refresh_family (id, user_id, created_at) values (?, ?, ?)", familyId, userId, Timestamp.from(now));
    }

    void insert(String tokenHash, String familyId, Instant expiresAt, Instant now) {
        jdbc.update("insert into refresh_token (token_hash, family_id, expires_at, created_at) values (?, ?, ?, ?)",
                tokenHash, familyId, Timestamp.from(expiresAt), Timestamp.from(now));
    }

    Optional<StoredToken> find(String tokenHash) {
        return jdbc.query("select t.token_hash, t.family_id, f.user_id, t.expires_at, t.used_at, f.revoked_at "
                        + "from refresh_token t join refresh_family f on f.id = t.family_id where t.token_hash = ?",
                (rs, i) -> new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) != null),
                tokenHash).stream().findFirst();
    }

    /**
     * Uses the token up; answers false when it was used already. The update takes the row's lock, so of concurrent
     * callers exactly one sees it unused.
     */
    boolean markUsed(String tokenHash, Instant now) {
        return jdbc.update("update refresh_token set used_at = ? where token_hash = ? and used_at is null",
                Timestamp.from(now), tokenHash) == 1;
    }

    boolean isRevoked(String familyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select revoked_at is not null from refresh_family where id = ?",
                Boolean.class, familyId));
    }

    /** Revokes the family; answers false when it was revoked already. */
    boolean revokeFamily(String familyId, String reason, Instant now) {
        return jdbc.update("update refresh_family set revoked_at = ?, revoke_reason = ? where id = ? and revoked_at is null",
                Timestamp.from(now), reason, familyId) == 1;
    }
}
