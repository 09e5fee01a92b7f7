package dev.souk.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The files of a backup: checksums in {@code sha256sum} format beside each file, and H2 backup zips unpacked. */
public final class BackupFiles {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private BackupFiles() {
    }

    public static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code <file>.sha256}, beside the file. */
    public static Path checksumOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** The SHA-256 written beside {@code file} when it was finished; empty when there is none (or not a whole one). */
    public static Optional<String> recordedChecksum(Path file) throws IOException {
        Path checksum = checksumOf(file);
        if (!Files.isRegularFile(checksum)) {
            return Optional.empty();
        }
        String recorded = Files.readString(checksum, StandardCharsets.UTF_8).strip().split("\\s+")[0];
        return SHA256_HEX.matcher(recorded).matches() ? Optional.of(recorded) : Optional.empty();
    }

    /**
     * Writes {@code file}'s SHA-256 beside it and answers it; written under a temporary name and moved into place, so a
     * checksum file is whole or absent.
     */
    public static String writeChecksum(Path file) throws IOException {
        String sha256 = sha256(file);
        Path partial = file.resolveSibling(file.getFileName() + ".sha256.partial");
        Files.writeString(partial, sha256 + "  " + file.getFileName() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, checksumOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return sha256;
    }

    /**
     * Unpacks an H2 backup zip into {@code folder} (entries that would land outside it are skipped) and answers the
     * database's path without {@code .mv.db}, as an H2 URL names it; throws when the zip holds no database.
     */
    public static Path unpackH2(Path zip, Path into) throws IOException {
        Path folder = into.toAbsolutePath().normalize();
        Path database = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = folder.resolve(entry.getName()).normalize();
                if (entry.isDirectory() || !out.startsWith(folder)) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out);
                if (entry.getName().endsWith(".mv.db")) {
                    String name = out.toString();
                    database = Path.of(name.substring(0, name.length() - ".mv.db".length()));
                }
            }
        }
        if (database == null) {
            throw new BackupException("the zip " + zip.getFileName() + " holds no H2 database file");
        }
        return database;
    }
}
