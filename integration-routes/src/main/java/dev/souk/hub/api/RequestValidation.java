package dev.souk.hub.api;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Ids;
import dev.souk.hub.errors.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The rules of the request records in {@code dev.souk.contracts.api} (Bean Validation), and of ids in a path: a
 * request that breaks one is a 400 VALIDATION_FAILED naming every field that is wrong.
 */
@Component("requestValidation")
public class RequestValidation {

    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** Passes the body on unchanged when it keeps every rule of its record. */
    public Object validate(@Body Object request) {
        if (request == null) {
            throw new InvalidRequestException("The request needs a JSON body.");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    /** An id taken from the request becomes part of a downstream request: nothing but a plain id gets that far. */
    public static String pathId(String name, String id) {
        if (!Ids.isValid(id)) {
            throw new InvalidRequestException(name + " " + Ids.MESSAGE + ".");
        }
        return id;
    }

    /** An optional id (e.g. a query parameter): absent is fine, anything else follows the id rule. */
    public static String optionalId(String name, String id) {
        return id == null ? null : pathId(name, id);
    }
}
