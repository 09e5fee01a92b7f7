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
    void startsInTheSeedsOrderWithTheDomainServicesInOneHost() {
        // when
        List<List<String>> waves = LocalStack.waves(StackOptions.defaults().processes()).stream()
                .map(wave -> wave.stream().map(ProcessSpec::name).toList())
                .toList();

        // then
        assertThat(waves).containsExactly(
                List.of("service-registry", "config-server"),
                List.of("gateway", "services-host", "integration-hub"));
        ProcessSpec host = StackOptions.defaults().processes().get(3);
        // every domain service, in the stack's order, and nothing else
        List<String> domainServices = AppSpec.stack().stream().filter(AppSpec::hostable).map(AppSpec::name).toList();
        assertThat(domainServices).startsWith("auth-service", "user-service", "product-service", "inventory-service",
                "cart-service", "order-service", "payment-service", "delivery-service");
        assertThat(domainServices).allMatch(name -> name.endsWith("-service"));
        assertThat(host.apps()).extracting(AppSpec::name).containsExactlyElementsOf(domainServices);
        assertThat(host.environment()).containsEntry("SOUK_HOSTED_SERVICES", String.join(",", domainServices));
        assertThat(host.single()).isFalse();
        assertThat(AppProcess.jvmOptions(host, false)).noneMatch(option -> option.startsWith("-Dspring.application.name")
                || option.startsWith("-XX:TieredStopAtLevel")
                || option.startsWith("-Dserver.port")).contains("-Dsouk.process=services-host");
    }

    @Test
    void isolatedStartsEveryAppInAJvmOfItsOwnFromItsRunnableJar() {
        // when
        List<List<String>> waves = LocalStack.waves(StackOptions.parse(new String[] {"--isolated"}).processes()).stream()
                .map(wave -> wave.stream().map(ProcessSpec::name).toList())
                .toList();

        // then
        List<String> secondWave = new java.util.ArrayList<>(List.of("gateway"));
        AppSpec.stack().stream().filter(AppSpec::hostable).map(AppSpec::name).forEach(secondWave::add);
        secondWave.add("integration-hub");
        assertThat(waves).containsExactly(List.of("service-registry", "config-server"), secondWave);
        ProcessSpec users = StackOptions.parse(new String[] {"--isolated", "--only", "users"}).processes().get(0);
        assertThat(users.jar()).isEqualTo("domain-services/user-service/target/user-service-exec.jar");
        assertThat(AppProcess.jvmOptions(users, true)).contains("-Dspring.application.name=user-service", "-Dserver.port=8102",
                "-XX:TieredStopAtLevel=1");
        assertThat(ProcessSpec.alone(StackOptions.defaults().apps().get(0)).jar())
                .isEqualTo("ops/service-registry/target/service-registry.jar");
    }

    @Test
    void onlyStartsTheNamedAppsByNameOrKeyKeepingTheirOrder() {
        // given
        StackOptions options = StackOptions.parse(new String[] {"--only", "config,service-registry", "--no-demo"});

        // when / then
        assertThat(options.apps()).extracting(AppSpec::name).containsExactly("service-registry", "config-server");
        assertThat(LocalStack.waves(options.processes())).hasSize(1);
        assertThat(options.demo()).isEqualTo(StackOptions.Demo.NEVER);
    }

    @Test
    void unselectedDependenciesDoNotHoldAnAppBack() {
        StackOptions options = StackOptions.parse(new String[] {"--only=users,hub"});

        assertThat(LocalStack.waves(options.processes())).extracting(wave -> wave.stream().map(ProcessSpec::name).toList())
                .containsExactly(List.of("services-host", "integration-hub"));
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
