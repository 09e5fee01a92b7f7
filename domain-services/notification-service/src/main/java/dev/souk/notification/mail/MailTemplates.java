package dev.souk.notification.mail;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the mail templates in {@code templates/notification-service/mail/}: {@code <kind>.html} inside
 * {@code layout.html}, and {@code <kind>.txt} as the plain-text part. A template names values as {@code ${name}};
 * in HTML every value is escaped, so nothing a customer or an event wrote becomes markup. A name without a value is
 * an error, so a broken template fails its test instead of a customer's mail.
 */
@Component
public class MailTemplates {

    private static final String FOLDER = "templates/notification-service/mail/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z][a-zA-Z0-9]*)}");

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public record RenderedMail(String subject, String text, String html) {
    }

    public boolean exists(String name) {
        return new ClassPathResource(FOLDER + name + ".html").exists();
    }

    public RenderedMail render(String name, String subject, Map<String, String> values) {
        String content = fill(template(name + ".html"), values, true);
        String html = fill(template("layout.html"), Map.of("subject", subject), true).replace("<!--content-->", content);
        return new RenderedMail(subject, fill(template(name + ".txt"), values, false), html);
    }

    private String template(String file) {
        return cache.computeIfAbsent(file, f -> {
            try {
                return new ClassPathResource(FOLDER + f).getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("No mail template " + f, e);
            }
        });
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("The mail template needs a value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
