package dev.souk.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Per-app AppCDS archives, which cut JVM startup of the Spring Boot apps noticeably. The first run of a
 * jar extracts it (Spring Boot's {@code jarmode=tools extract}; CDS cannot archive classes loaded from
 * nested jars) and records the loaded classes into a dynamic archive when the app exits cleanly; later
 * runs map that archive. A rebuilt jar gets a fresh archive. A stale or unusable archive is ignored by
 * the JVM ({@code -Xshare:auto}), so this can only make startup faster, never break it.
 */
final class ClassDataSharing {

    private final Path cacheRoot;
    private final String javaBin;

    ClassDataSharing(Path cacheRoot, String javaBin) {
        this.cacheRoot = cacheRoot;
        this.javaBin = javaBin;
    }

    /** JVM arguments that launch {@code jar}: {@code -XX:...archive... -jar <extracted jar>}, or plain {@code -jar}. */
    List<String> launchArguments(ProcessSpec app, Path jar) {
        Path dir = cacheRoot.resolve(app.name());
        Path extracted = dir.resolve("app");
        Path extractedJar = extracted.resolve(jar.getFileName());
        Path archive = dir.resolve("app.jsa");
        Path fingerprintFile = dir.resolve("jar.fingerprint");
        try {
            String fingerprint = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
            boolean current = Files.exists(extractedJar) && Files.exists(fingerprintFile)
                    && Files.readString(fingerprintFile).equals(fingerprint);
            if (!current) {
                deleteRecursively(dir);
                Files.createDirectories(dir);
                if (!extract(jar, extracted)) {
                    return List.of("-jar", jar.toString());
                }
                Files.writeString(fingerprintFile, fingerprint);
            }
            List<String> args = new ArrayList<>();
            if (Files.exists(archive) && Files.size(archive) > 0) {
                args.add("-XX:SharedArchiveFile=" + archive);
            } else {
                args.add("-XX:ArchiveClassesAtExit=" + archive);
            }
            args.add("-Xlog:cds=off");
            args.add("-Xlog:cds+dynamic=off");
            args.add("-jar");
            args.add(extractedJar.toString());
            return args;
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return List.of("-jar", jar.toString());
        }
    }

    private boolean extract(Path jar, Path destination) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(javaBin, "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0 && Files.exists(destination.resolve(jar.getFileName()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
