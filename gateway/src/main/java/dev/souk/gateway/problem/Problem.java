package dev.souk.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;

/** An RFC 9457 problem with Souk's stable {@code code} member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code) {

    public static final String TYPE_BASE = "https://souk.dev/problems/";

    public static Problem of(int status, String title, String code, String detail, String instance) {
        return new Problem(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'), title, status, detail, instance, code);
    }
}
