package dev.souk.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * The host owns logging (Spring Boot's logging system is off: each service's context would otherwise reset the one
 * logging setup of the JVM): every service writes its own file {@code <logs>/<service>.log}, the host's own lines go
 * to standard output; JSON lines (logstash format) unless {@code SOUK_LOG_FORMAT} is empty.
 */
final class HostLogging {

    private HostLogging() {
    }

    static void configure(Path logDir, String format) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        // the structured encoder reads its settings from a Spring environment
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("host");
        console.setEncoder(encoder(context, format));
        console.start();
        PerServiceFiles files = new PerServiceFiles(context, logDir, format, console);
        files.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(files);
        // the web servers and a few libraries log through java.util.logging: into the same files
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // what the services' own configuration would otherwise have quietened
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        context.getLogger("com.netflix.discovery").setLevel(Level.WARN);
        context.getLogger("org.hibernate.orm.deprecation").setLevel(Level.ERROR);
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format != null && !format.isBlank()) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setContext(context);
            json.setFormat(format);
            json.setCharset(StandardCharsets.UTF_8);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        text.setCharset(StandardCharsets.UTF_8);
        text.start();
        return text;
    }

    /** Sends each line to the file of the service whose thread logged it, or to the host's console. */
    private static final class PerServiceFiles extends AppenderBase<ILoggingEvent> {

        private final LoggerContext loggers;
        private final Path logDir;
        private final String format;
        private final ConsoleAppender<ILoggingEvent> host;
        private final Map<String, FileAppender<ILoggingEvent>> files = new ConcurrentHashMap<>();

        PerServiceFiles(LoggerContext loggers, Path logDir, String format, ConsoleAppender<ILoggingEvent> host) {
            this.loggers = loggers;
            this.logDir = logDir;
            this.format = format;
            this.host = host;
            setContext(loggers);
            setName("services");
        }

        @Override
        protected void append(ILoggingEvent event) {
            String service = HostedApp.current();
            if (service == null) {
                host.doAppend(event);
            } else {
                files.computeIfAbsent(service, this::open).doAppend(event);
            }
        }

        private FileAppender<ILoggingEvent> open(String service) {
            Path log = logDir.resolve(service + ".log");
            try {
                // the previous run's log stays beside the new one, as for the apps the launcher starts alone
                if (Files.exists(log)) {
                    Files.move(log, logDir.resolve(service + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                addWarn("cannot keep the previous log of " + service + ": " + e.getMessage());
            }
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(loggers);
            file.setName(service);
            file.setFile(log.toString());
            file.setAppend(true);
            file.setEncoder(encoder(loggers, format));
            file.start();
            return file;
        }

        @Override
        public void stop() {
            files.values().forEach(FileAppender::stop);
            super.stop();
        }
    }
}
