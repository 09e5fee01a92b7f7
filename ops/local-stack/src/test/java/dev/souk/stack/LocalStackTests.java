package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
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
                .withIsolated(true).withBroker(false);

        // when
        StackStartupException failure = catchThrowableOfType(StackStartupException.class,
                () -> LocalStack.start(options, quiet()));

        // then
        assertThat(failure.getMessage()).contains("not built yet", "domain-services/user-service/target/user-service-exec.jar");
    }

    @Test
    void anAppThatDiesDuringStartupFailsTheStackWithItsLogTail() throws Exception {
        assumeFalse(listening(8102), "port 8102 is in use on this machine");
        // given a user-service "jar" that is not a jar at all
        Files.createDirectories(checkout.resolve("ops/local-stack"));
        Path jar = Files.createDirectories(checkout.resolve("domain-services/user-service/target")).resolve("user-service-exec.jar");
        Files.writeString(jar, "not a jar");
        StackOptions options = StackOptions.defaults().withRepoRoot(checkout).withOnly(Set.of("user-service"))
                .withIsolated(true).withBroker(false).withClassDataSharing(false).withHealthTimeout(Duration.ofSeconds(30));

        // when
        StackStartupException failure = catchThrowableOfType(StackStartupException.class,
                () -> LocalStack.start(options, quiet()));

        // then the failing app is named, its log tail shows why, and its log is where the README says
        assertThat(failure.app()).isEqualTo("user-service");
        assertThat(failure.getMessage()).contains("exited during startup");
        assertThat(failure.logTail()).containsIgnoringCase("jarfile");
        assertThat(checkout.resolve("data/logs/user-service.log")).exists();
    }

    @Test
    void stopsCalledAtOnceBothReturn() throws Exception {
        // Ctrl-C while a failed start stops the stack: two callers at once, neither may wait for the other forever
        StackOptions options = StackOptions.defaults().withRepoRoot(checkout).withBroker(false);
        for (int round = 0; round < 300; round++) {
            LocalStack stack = new LocalStack(options, quiet());
            java.util.concurrent.CompletableFuture<Void> first = java.util.concurrent.CompletableFuture.runAsync(stack::stop);
            java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(stack::stop);
            first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void domainServicesShareOneJvmByDefaultAndHaveOneEachWhenIsolated() throws Exception {
        assumeFalse(listening(8102) || listening(8103), "ports 8102/8103 are in use on this machine");
        Path dataDir = Files.createDirectories(Path.of("target", "stack-modes"));
        StackOptions shared = StackOptions.defaults().withOnly(Set.of("users", "products")).withBroker(false)
                .withDemo(StackOptions.Demo.NEVER).withDataDir(dataDir.resolve("shared")).withClassDataSharing(false);
        StackOptions isolated = StackOptions.defaults().withOnly(Set.of("users", "products")).withBroker(false)
                .withDemo(StackOptions.Demo.NEVER).withDataDir(dataDir.resolve("isolated")).withClassDataSharing(false)
                .withIsolated(true);

        // when / then: two apps in one JVM, each answering on its own port with its own log
        try (LocalStack stack = LocalStack.start(shared, quiet())) {
            assertThat(stack.apps()).singleElement().satisfies(host -> {
                assertThat(host.spec().name()).isEqualTo("services-host");
                assertThat(host.isHealthy()).isTrue();
            });
            assertThat(stack.runningApps()).extracting(AppSpec::name).containsExactly("user-service", "product-service");
            assertThat(stack.app("product-service")).isPresent();
            assertThat(dataDir.resolve("shared/logs/user-service.log")).isNotEmptyFile();
            assertThat(dataDir.resolve("shared/logs/product-service.log")).isNotEmptyFile();

            // and when the JVM dies, the launcher starts it again, listing its apps as restarting meanwhile
            long crashed = stack.apps().get(0).pid();
            ProcessHandle.of(crashed).orElseThrow().destroyForcibly();
            Path status = dataDir.resolve("shared").resolve(LocalStack.STATUS_FILE);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(status).contains("user-service"));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stack.apps().get(0).pid() != crashed && stack.apps().get(0).isHealthy());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(status).isBlank());
        }
        // when / then: the same apps, a JVM each
        try (LocalStack stack = LocalStack.start(isolated, quiet())) {
            assertThat(stack.apps()).extracting(process -> process.spec().name())
                    .containsExactly("user-service", "product-service");
            assertThat(stack.apps()).allMatch(AppProcess::isHealthy);
            assertThat(stack.apps().get(0).pid()).isNotEqualTo(stack.apps().get(1).pid());
        }
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
