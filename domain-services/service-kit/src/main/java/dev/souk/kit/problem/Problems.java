package dev.souk.kit.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import dev.souk.contracts.ProblemCodes;

/** Builds the problem+json bodies: one shape, one {@code type} URI scheme, one {@code code} member. */
public final class Problems {

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
        return URI.create(ProblemCodes.typeOf(code));
    }
}
