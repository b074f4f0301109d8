package org.citycard.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A request the API refuses, with the stable code clients switch on. Thrown by controllers, rendered as
 * {@code application/problem+json} by {@link ApiExceptionHandler}; a path that refuses by the thousand (a full
 * vaccination slot) returns {@link #answer()} instead of throwing. A refusal is an answer, not a fault: it carries
 * no stack trace.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String parameter;

    public ApiProblem(HttpStatus status, String code, String detail, String parameter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    public static ApiProblem badParameter(String parameter, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "request.invalid-parameter", detail, parameter);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail, null);
    }

    /** The refusal as the response {@link ApiExceptionHandler} would give for it, logged the same way. */
    public ResponseEntity<Object> answer() {
        return ApiExceptionHandler.answer(this);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String parameter() {
        return parameter;
    }
}
