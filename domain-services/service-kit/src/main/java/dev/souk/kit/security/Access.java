package dev.souk.kit.security;

import dev.souk.contracts.ProblemCodes;
import dev.souk.kit.problem.ApiException;
import dev.souk.security.Caller;
import org.springframework.http.HttpStatus;

/** Object-level authorization: a customer reaches only what is theirs; ADMIN and SERVICE reach everything. */
public final class Access {

    private Access() {
    }

    /** The caller of the current request; a request that got this far without a valid token is a programming error. */
    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("No authenticated caller on this request"));
    }

    /** Whether the current request comes from staff or the platform (ADMIN or SERVICE); false without a token. */
    public static boolean privileged() {
        return Caller.current().map(Caller::isPrivileged).orElse(false);
    }

    /** 403 FORBIDDEN unless the caller may act for {@code ownerId}. */
    public static void requireActingFor(String ownerId) {
        if (!caller().mayActFor(ownerId)) {
            throw forbidden();
        }
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "This belongs to another user.");
    }
}
