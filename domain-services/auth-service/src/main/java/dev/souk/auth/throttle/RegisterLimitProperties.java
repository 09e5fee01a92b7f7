package dev.souk.auth.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How many registrations one client address may attempt ({@code souk.auth.register-limit.*}).
 *
 * @param attempts       registrations per address and window
 * @param window         the window, counted from an address's first registration in it
 * @param maxAddresses   how many addresses are remembered at most
 * @param trustedProxies peers (besides loopback) whose last {@code X-Forwarded-For} entry names the client, as addresses
 *                       or CIDR ranges: where the gateway runs
 */
@ConfigurationProperties("souk.auth.register-limit")
public record RegisterLimitProperties(@DefaultValue("20") int attempts,
                                      @DefaultValue("10m") Duration window,
                                      @DefaultValue("10000") int maxAddresses,
                                      @DefaultValue("") List<String> trustedProxies) {
}
