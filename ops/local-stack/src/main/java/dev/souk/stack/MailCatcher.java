package dev.souk.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's SMTP server, in the launcher's JVM: it accepts every mail the apps send (nothing leaves the
 * machine) and keeps each as an {@code .eml} file under {@code data/mail/}, which any mail program opens; the same
 * mails are readable over IMAP at {@code localhost:3143} (any user name, the recipient's address as the mailbox).
 */
public final class MailCatcher implements AutoCloseable {

    static final int SMTP_PORT = 3025;
    static final int IMAP_PORT = 3143;

    private final Path folder;
    private final GreenMail server;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-catcher");
        thread.setDaemon(true);
        return thread;
    });
    private int saved;

    public MailCatcher(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.server = new GreenMail(new ServerSetup[]{
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    }

    public void start() throws IOException {
        Files.createDirectories(folder);
        server.start();
        saver.scheduleWithFixedDelay(this::saveNew, 1, 1, TimeUnit.SECONDS);
    }

    public String smtpUrl() {
        return "smtp://localhost:" + SMTP_PORT;
    }

    public Path folder() {
        return folder;
    }

    private synchronized void saveNew() {
        MimeMessage[] received = server.getReceivedMessages();
        for (; saved < received.length; saved++) {
            MimeMessage mail = received[saved];
            try {
                Address[] to = mail.getAllRecipients();
                String recipient = to == null || to.length == 0 ? "unknown" : to[0].toString().replaceAll("[^A-Za-z0-9@._-]", "_");
                Path file = folder.resolve(Instant.now().toEpochMilli() + "-" + (saved + 1) + "-" + recipient + ".eml");
                try (OutputStream out = Files.newOutputStream(file)) {
                    mail.writeTo(out);
                }
            } catch (Exception e) {
                System.err.println("mail catcher: could not keep a mail: " + e);
            }
        }
    }

    @Override
    public void close() {
        saver.shutdownNow();
        saveNew();
        server.stop();
    }
}
