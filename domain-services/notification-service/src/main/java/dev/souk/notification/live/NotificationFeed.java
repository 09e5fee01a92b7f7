package dev.souk.notification.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * How a customer connected to this instance hears of a notification another instance made: every instance watches
 * the shared table for rows past the position it last saw and wakes the customers they belong to. A row committed out
 * of position order could slip past the watch, so every few seconds all connected customers are woken anyway; a
 * wake-up only makes a connection read what it has not sent, so nothing is lost or sent twice.
 */
@Component
public class NotificationFeed {

    private static final Logger log = LoggerFactory.getLogger(NotificationFeed.class);
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final LiveNotifications live;
    private long lastSeen = -1;

    NotificationFeed(JdbcTemplate jdbc, LiveNotifications live) {
        this.jdbc = jdbc;
        this.live = live;
    }

    @Scheduled(fixedDelayString = "${souk.notifications.live.feed-poll-interval:PT0.25S}")
    public void poll() {
        try {
            if (lastSeen < 0) {
                Long max = jdbc.queryForObject("select max(feed_seq) from notification", Long.class);
                lastSeen = max == null ? 0 : max;
                return;
            }
            List<String> users = new ArrayList<>();
            long[] last = {lastSeen};
            jdbc.query("select user_id, feed_seq from notification where feed_seq > ? order by feed_seq fetch first ? rows only",
                    rs -> {
                        users.add(rs.getString(1));
                        last[0] = Math.max(last[0], rs.getLong(2));
                    }, lastSeen, PAGE);
            lastSeen = last[0];
            users.stream().distinct().forEach(live::wake);
        } catch (RuntimeException e) {
            log.warn("The notification feed could not be read now: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${souk.notifications.live.sweep-interval:PT3S}")
    public void sweep() {
        live.connectedUsers().forEach(live::wake);
    }

    @Scheduled(fixedDelayString = "${souk.notifications.live.heartbeat-interval:PT15S}")
    public void heartbeat() {
        live.heartbeat();
    }
}
