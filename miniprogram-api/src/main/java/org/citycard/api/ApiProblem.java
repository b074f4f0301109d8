package org.citycard.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the stable code clients switch on. Thrown by controllers, rendered as
 * {@code application/problem+json} by {@link ApiExceptionHandler}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String parameter;

    public ApiProblem(HttpStatus status, String code, String detail, String parameter) {
        super(detail);
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
