package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTests {

    @TempDir
    Path checkout;

    @Test
    void refusesToStartWhenAJarIsNotBuilt() throws Exception {
        // given a checkout where nothing is built
        Files.createDirectories(checkout.resolve("ops/local-stack"));
        StackOptions options = StackOptions.defaults().withRepoRoot(checkout).withOnly(Set.of("users"))
                .withBroker(false);

        // when
        StackStartupException failure = catchThrowableOfType(StackStartupException.class,
                () -> LocalStack.start(options, quiet()));

        // then
        assertThat(failure.getMessage()).contains("not built yet", "domain-services/user-service/target/user-service.jar");
    }

    @Test
    void anAppThatDiesDuringStartupFailsTheStackWithItsLogTail() throws Exception {
        assumeFalse(listening(8102), "port 8102 is in use on this machine");
        // given a user-service "jar" that is not a jar at all
        Files.createDirectories(checkout.resolve("ops/local-stack"));
        Path jar = Files.createDirectories(checkout.resolve("domain-services/user-service/target")).resolve("user-service.jar");
        Files.writeString(jar, "not a jar");
        StackOptions options = StackOptions.defaults().withRepoRoot(checkout).withOnly(Set.of("user-service"))
                .withBroker(false).withClassDataSharing(false).withHealthTimeout(Duration.ofSeconds(30));

        // when
        StackStartupException failure = catchThrowableOfType(StackStartupException.class,
                () -> LocalStack.start(options, quiet()));

        // then the failing app is named, its log tail shows why, and its log is where the README says
        assertThat(failure.app()).isEqualTo("user-service");
        assertThat(failure.getMessage()).contains("exited during startup");
        assertThat(failure.logTail()).containsIgnoringCase("jarfile");
        assertThat(checkout.resolve("data/logs/user-service.log")).exists();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
