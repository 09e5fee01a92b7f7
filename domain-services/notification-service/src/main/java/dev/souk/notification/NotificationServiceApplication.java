package dev.souk.notification;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Owns every customer's notifications: stored, pushed live (SSE, WebSocket) and mailed. */
@SpringBootApplication
@EnableScheduling
@SoukService("notification-service")
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
