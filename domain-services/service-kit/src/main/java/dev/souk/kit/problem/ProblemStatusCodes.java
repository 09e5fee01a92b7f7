package dev.souk.kit.problem;

import dev.souk.contracts.ProblemCodes;

/** The generic code for a status when nothing more specific is known. */
final class ProblemStatusCodes {

    private ProblemStatusCodes() {
    }

    static String forStatus(int status) {
        return switch (status) {
            case 400 -> ProblemCodes.VALIDATION_FAILED;
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 409 -> ProblemCodes.CONFLICT;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemCodes.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
    }
}
