package dev.souk.stack;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JVM the launcher starts: a single app from its own runnable jar, or the services host running several domain
 * services (each still its own app with its own port and health).
 *
 * @param name        process name: the app's name, or {@code services-host}; also its log file and CDS archive
 * @param jar         the runnable jar, relative to the repository root
 * @param maxHeapMb   -Xmx
 * @param apps        the apps it runs
 * @param environment variables only this process gets (on top of the stack's)
 */
public record ProcessSpec(String name, String jar, int maxHeapMb, List<AppSpec> apps, Map<String, String> environment) {

    public static final String SERVICES_HOST = "services-host";

    public ProcessSpec {
        apps = List.copyOf(apps);
        environment = Map.copyOf(environment);
    }

    /** A single app in a JVM of its own, from its runnable jar (a domain service's {@code -exec} jar). */
    static ProcessSpec alone(AppSpec app) {
        String jar = app.moduleDir() + "/target/" + app.artifactId() + (app.hostable() ? "-exec" : "") + ".jar";
        return new ProcessSpec(app.name(), jar, app.maxHeapMb(), List.of(app), Map.of());
    }

    /** The domain services in one JVM: the host shares classes, heap and JIT between them. */
    static ProcessSpec hosting(List<AppSpec> services) {
        // a service costs the host far less heap than a JVM of its own: shared classes, one JIT, one GC
        int heap = 256 + 64 * services.size();
        String names = services.stream().map(AppSpec::name).collect(Collectors.joining(","));
        return new ProcessSpec(SERVICES_HOST, "ops/services-host/target/services-host.jar", heap, services,
                Map.of("SOUK_HOSTED_SERVICES", names));
    }

    public Path jar(Path repoRoot) {
        return repoRoot.resolve(jar);
    }

    /** True for a JVM that runs one app only (the app's port and name are set on its command line). */
    public boolean single() {
        return apps.size() == 1 && !name.equals(SERVICES_HOST);
    }

    /** Names of the apps (of other processes) that must be healthy before this one starts. */
    Set<String> dependsOn() {
        Set<String> own = apps.stream().map(AppSpec::name).collect(Collectors.toSet());
        Set<String> needed = new LinkedHashSet<>();
        apps.forEach(app -> app.dependsOn().stream().filter(d -> !own.contains(d)).forEach(needed::add));
        return needed;
    }

    boolean runs(String appName) {
        return apps.stream().anyMatch(app -> app.name().equals(appName));
    }
}
