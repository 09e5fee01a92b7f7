package dev.souk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOptionsTests {

    @TempDir
    Path checkout;

    @Test
    void startsInTheSeedsOrderWithIndependentAppsTogether() {
        // when
        List<List<String>> waves = LocalStack.waves(StackOptions.defaults().apps()).stream()
                .map(wave -> wave.stream().map(AppSpec::name).toList())
                .toList();

        // then
        assertThat(waves).containsExactly(
                List.of("service-registry"),
                List.of("config-server"),
                List.of("gateway", "auth-service", "user-service", "product-service", "inventory-service", "cart-service", "order-service",
                        "payment-service", "delivery-service"),
                List.of("integration-hub"));
    }

    @Test
    void onlyStartsTheNamedAppsByNameOrKeyKeepingTheirOrder() {
        // given
        StackOptions options = StackOptions.parse(new String[] {"--only", "config,service-registry", "--no-demo"});

        // when / then
        assertThat(options.apps()).extracting(AppSpec::name).containsExactly("service-registry", "config-server");
        assertThat(LocalStack.waves(options.apps())).hasSize(2);
        assertThat(options.demo()).isEqualTo(StackOptions.Demo.NEVER);
    }

    @Test
    void unselectedDependenciesDoNotHoldAnAppBack() {
        StackOptions options = StackOptions.parse(new String[] {"--only=users,hub"});

        assertThat(LocalStack.waves(options.apps())).extracting(wave -> wave.stream().map(AppSpec::name).toList())
                .containsExactly(List.of("user-service"), List.of("integration-hub"));
    }

    @Test
    void rejectsUnknownAppsAndOptions() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--only", "users,billing"}).apps())
                .isInstanceOf(StackOptions.UsageException.class).hasMessageContaining("billing");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--turbo"}))
                .isInstanceOf(StackOptions.UsageException.class).hasMessageContaining("--turbo");
    }

    @Test
    void findsTheCheckoutFromANestedDirectoryAndPutsDataInside() throws Exception {
        // given
        Files.createDirectories(checkout.resolve("ops/local-stack"));
        Path nested = Files.createDirectories(checkout.resolve("domain-services/user-service"));

        // when
        Path root = StackOptions.findRepoRoot(nested).orElseThrow();

        // then
        assertThat(root).isEqualTo(checkout.toAbsolutePath().normalize());
        assertThat(StackOptions.defaults().withRepoRoot(root).dataDir()).isEqualTo(root.resolve("data"));
        assertThat(StackOptions.parse(new String[] {"--data-dir", "/tmp/souk"}).withRepoRoot(root).dataDir())
                .isEqualTo(Path.of("/tmp/souk"));
    }
}
