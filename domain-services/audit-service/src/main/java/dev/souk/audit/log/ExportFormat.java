package dev.souk.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The export file: JSON Lines ({@code application/x-ndjson}), first the checkpoints ({@code "kind":"checkpoint"}), then
 * the entries in sequence order ({@code "kind":"entry"}), every field as stored, times as ISO-8601 instants. It holds
 * all an offline verification needs.
 */
public final class ExportFormat {

    public static final String MEDIA_TYPE = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportFormat() {
    }

    /** Where export lines go. */
    public interface Writer {
        void checkpoint(Checkpoint checkpoint);

        void entry(AuditEntry entry);
    }

    public static Writer writer(OutputStream out) {
        return new Writer() {
            @Override
            public void checkpoint(Checkpoint c) {
                ObjectNode line = JSON.createObjectNode().put("kind", "checkpoint").put("sequence", c.sequence())
                        .put("entryHash", c.entryHash()).put("signedAt", c.signedAt().toString()).put("keyId", c.keyId())
                        .put("publicKey", c.publicKey()).put("signature", c.signature());
                write(line);
            }

            @Override
            public void entry(AuditEntry e) {
                ObjectNode line = JSON.createObjectNode().put("kind", "entry").put("sequence", e.sequence())
                        .put("recordedAt", e.recordedAt().toString()).put("occurredAt", e.occurredAt().toString())
                        .put("actorType", e.actorType()).put("actorId", e.actorId()).put("action", e.action())
                        .put("entityType", e.entityType()).put("entityId", e.entityId())
                        .put("beforeState", e.beforeState()).put("afterState", e.afterState())
                        .put("traceId", e.traceId()).put("source", e.source()).put("sourceEventId", e.sourceEventId())
                        .put("prevHash", e.prevHash()).put("hash", e.hash());
                write(line);
            }

            private void write(ObjectNode line) {
                try {
                    out.write(JSON.writeValueAsBytes(line));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The checkpoints of an export file. */
    public static NavigableMap<Long, Checkpoint> checkpoints(Path file) throws IOException {
        NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                JsonNode line = parse(text);
                if (line != null && "checkpoint".equals(line.path("kind").asText())) {
                    Checkpoint checkpoint = new Checkpoint(line.path("sequence").asLong(), text(line, "entryHash"),
                            instant(line, "signedAt"), text(line, "keyId"), text(line, "publicKey"), text(line, "signature"));
                    checkpoints.put(checkpoint.sequence(), checkpoint);
                }
            }
        }
        return checkpoints;
    }

    /** The entries of an export file, read while iterated; the reader is closed at the end. */
    public static Iterator<AuditEntry> entries(BufferedReader reader) {
        return new Iterator<>() {
            private AuditEntry next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public AuditEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                AuditEntry current = next;
                next = advance();
                return current;
            }

            private AuditEntry advance() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        JsonNode line = parse(text);
                        if (line != null && "entry".equals(line.path("kind").asText())) {
                            return new AuditEntry(line.path("sequence").asLong(), instant(line, "recordedAt"),
                                    instant(line, "occurredAt"), text(line, "actorType"), text(line, "actorId"),
                                    text(line, "action"), text(line, "entityType"), text(line, "entityId"),
                                    text(line, "beforeState"), text(line, "afterState"), text(line, "traceId"),
                                    text(line, "source"), text(line, "sourceEventId"), text(line, "prevHash"),
                                    text(line, "hash"));
                        }
                    }
                    reader.close();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an audit export line: " + text.substring(0, Math.min(80, text.length())), e);
        }
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode line, String field) {
        String value = text(line, field);
        return value == null ? null : Instant.parse(value);
    }
}
