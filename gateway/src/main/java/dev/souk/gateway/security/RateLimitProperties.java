package dev.souk.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code souk.gateway.rate-limit.*}: limits as {@code N/period} ({@code 100/10s}, {@code 10/1m}).
 *
 * @param enabled           off only for diagnosis
 * @param user              per signed-in user
 * @param ip                per address, for callers without a token
 * @param auth              per address, on register, login, refresh and the token endpoint
 * @param trustForwardedFor take the address from X-Forwarded-For (only behind a proxy that sets it)
 * @param maxKeys           buckets kept before idle ones are dropped
 */
@ConfigurationProperties("souk.gateway.rate-limit")
record RateLimitProperties(boolean enabled, String user, String ip, String auth, boolean trustForwardedFor, int maxKeys) {

    RateLimitProperties {
        user = user == null ? "100/10s" : user;
        ip = ip == null ? "50/10s" : ip;
        auth = auth == null ? "10/1m" : auth;
        maxKeys = maxKeys <= 0 ? 100_000 : maxKeys;
    }

    RateLimits.Limit userLimit() {
        return RateLimits.Limit.parse(user);
    }

    RateLimits.Limit ipLimit() {
        return RateLimits.Limit.parse(ip);
    }

    RateLimits.Limit authLimit() {
        return RateLimits.Limit.parse(auth);
    }
}
