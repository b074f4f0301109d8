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
    private final java.time.Duration retryAfter;

    public ApiProblem(HttpStatus status, String code, String detail, String parameter) {
        this(status, code, detail, parameter, null);
    }

    private ApiProblem(HttpStatus status, String code, String detail, String parameter, java.time.Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.retryAfter = retryAfter;
    }

    /**
     * The same refusal, saying when asking again may succeed ({@code Retry-After}); a 429 without one says a minute,
     * the window of the per-minute limits.
     */
    public ApiProblem retryAfter(java.time.Duration wait) {
        return new ApiProblem(status, code, getMessage(), parameter, wait);
    }

    /** The same refusal, to be asked again after midnight in China (a daily limit). */
    public ApiProblem retryTomorrow() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(org.citycard.kernel.ChinaTime.ZONE);
        return retryAfter(java.time.Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone())));
    }

    public java.time.Duration retryAfter() {
        return retryAfter != null || status != HttpStatus.TOO_MANY_REQUESTS ? retryAfter : java.time.Duration.ofMinutes(1);
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
