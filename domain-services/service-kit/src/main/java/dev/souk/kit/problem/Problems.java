package dev.souk.kit.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Locale;

/** Builds the problem+json bodies: one shape, one {@code type} URI scheme, one {@code code} member. */
public final class Problems {

    public static final String TYPE_BASE = "https://souk.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(code));
        problem.setProperty("code", code);
        return problem;
    }

    /** {@code OUT_OF_STOCK} becomes {@code https://souk.dev/problems/out-of-stock}. */
    public static URI typeOf(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
