package dev.souk.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.souk.contracts.ProblemCodes;

/** An RFC 9457 problem with Souk's stable {@code code} member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code) {

    public static Problem of(int status, String title, String code, String detail, String instance) {
        return new Problem(ProblemCodes.typeOf(code), title, status, detail, instance, code);
    }
}
