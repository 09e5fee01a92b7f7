package dev.souk.auth.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How failed logins slow down further attempts for the same email ({@code souk.auth.login-throttle.*}).
 *
 * @param enabled            off only where logins are not exposed to strangers
 * @param failuresBeforeWait after this many failures in a row, each failure makes the next attempt wait
 * @param firstWait          the wait after the {@code failuresBeforeWait}-th failure; each further failure doubles it
 * @param maxWait            the longest wait: the throttle slows guessing down, it never locks the owner out for good
 * @param forgetAfter        failures older than this no longer count
 */
@ConfigurationProperties("souk.auth.login-throttle")
public record LoginThrottleProperties(@DefaultValue("true") boolean enabled,
                                      @DefaultValue("5") int failuresBeforeWait,
                                      @DefaultValue("1s") Duration firstWait,
                                      @DefaultValue("15m") Duration maxWait,
                                      @DefaultValue("24h") Duration forgetAfter) {
}
