package dev.souk.hub.order;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.souk.hub.errors.InvalidRequestException;

/**
 * The query of {@code GET /api/orders}: only the filters order-service knows travel on, decoded first so that an
 * encoded name ({@code user%49d}) is the name it spells, and each at most once.
 */
final class ListQuery {

    static final Set<String> FILTERS = Set.of("userId", "status", "page", "size", "sort");

    private ListQuery() {
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return filters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (FILTERS.contains(name) && filters.putIfAbsent(name, value) != null) {
                throw new InvalidRequestException("The filter " + name + " may be given once.");
            }
        }
        return filters;
    }

    /** The filters as a query string; null when there are none. */
    static String format(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        return filters.entrySet().stream()
                .map(f -> f.getKey() + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidRequestException("The query string is not properly encoded.");
        }
    }
}
