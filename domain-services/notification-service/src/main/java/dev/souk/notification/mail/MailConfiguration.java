package dev.souk.notification.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Optional;
import java.util.Properties;

/** The SMTP client, from {@code souk.notifications.mail.smtp-url} ({@code SOUK_SMTP_URL}); none when it is empty. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailChannel mailChannel(@Value("${souk.notifications.mail.smtp-url:}") String smtpUrl,
                            @Value("${souk.notifications.mail.timeout-ms:5000}") int timeoutMs) {
        Optional<SmtpSettings> settings = SmtpSettings.parse(smtpUrl);
        return new MailChannel(settings.map(s -> sender(s, timeoutMs)).orElse(null), settings.map(SmtpSettings::toString).orElse(null));
    }

    private static JavaMailSenderImpl sender(SmtpSettings settings, int timeoutMs) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setProtocol(settings.tls() ? "smtps" : "smtp");
        sender.setUsername(settings.username());
        sender.setPassword(settings.password());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = sender.getJavaMailProperties();
        String prefix = "mail." + sender.getProtocol() + ".";
        properties.put(prefix + "auth", Boolean.toString(settings.username() != null));
        properties.put(prefix + "connectiontimeout", Integer.toString(timeoutMs));
        properties.put(prefix + "timeout", Integer.toString(timeoutMs));
        properties.put(prefix + "writetimeout", Integer.toString(timeoutMs));
        if (!settings.tls()) {
            // upgrade to TLS whenever the server offers it
            properties.put("mail.smtp.starttls.enable", "true");
        }
        return sender;
    }

    /** The configured SMTP client, or none: mail is then kept waiting rather than lost. */
    record MailChannel(JavaMailSenderImpl sender, String description) {
        boolean enabled() {
            return sender != null;
        }
    }
}
