package org.citycard.api;

import org.citycard.kernel.Busy;
import org.citycard.kernel.Undecodable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as problem+json with a {@code code} property: {@code request.invalid-parameter} (400, with the
 * {@code parameter} it is about: a fraction, a string or an out-of-range number where an integer belongs, too),
 * {@code request.invalid} (400, a body that cannot be read), {@code catalog.service-not-found} and
 * {@code request.not-found} (404), {@code request.method-not-allowed} (405), {@code request.not-acceptable} (406),
 * {@code request.too-large} (413), {@code request.unsupported-media-type} (415), {@code server.busy} (503 with
 * {@code Retry-After}: the database or Redis away for a moment, see {@link Busy}), {@code server.error} (500,
 * logged with its cause, which never reaches the client). A refusal or a busy answer is logged once at WARN without
 * a stack trace; a client that hung up is logged at DEBUG.
 */
@RestControllerAdvice(basePackages = "org.citycard.api")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * Refusals are logged without anything personal: bad input, missing rights and abuse (400, 401, 403, 413, 429) as
     * warnings; what the rules answer in the ordinary course (not found, a conflict such as a full slot, a rule not met)
     * at debug, so that an opening's tens of thousands of "full" answers do not flood the log.
     */
    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return answer(problem);
    }

    static ResponseEntity<Object> answer(ApiProblem problem) {
        int status = problem.status().value();
        if (status == 404 || status == 409 || status == 422) {
            log.debug("API request refused: {} {}", status, problem.code());
        } else {
            log.warn("API request refused: {} {}{}", status, problem.code(),
                    problem.parameter() == null ? "" : " (" + problem.parameter() + ")");
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setProperty("code", problem.code());
        if (problem.parameter() != null) {
            body.setProperty("parameter", problem.parameter());
        }
        if (problem.retryAfter() != null) {
            return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())))
                    .body(body);
        }
        if (problem.status() == HttpStatus.UNAUTHORIZED) { // a 401 says how to authenticate (RFC 9110): the API's token
            return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"citycard\"").body(body);
        }
        return respond(problem.status(), body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return apiProblem(ApiProblem.badParameter(e.getName(), "The value of '" + e.getName() + "' is not valid."));
    }

    /** A header or parameter the firewall will not let through (a header of bytes that are not text). */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<Object> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        String header = e.getMessage() != null && e.getMessage().contains("header: \"")
                ? e.getMessage().replaceAll("(?s).*header: \"([^\"]*)\".*", "$1").strip() : null;
        return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "request.rejected",
                header == null ? "The request has characters that are not allowed."
                        : "The header '" + header + "' has characters that are not allowed.", header));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (clientGone(e)) {
            log.debug("The client hung up: {}", e.toString());
            return null;
        }
        if (Undecodable.status(e).orElse(0) == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return apiProblem(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "request.too-large",
                    "The form is larger than this endpoint takes.", null));
        }
        if (Undecodable.in(e)) {
            return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "request.invalid-encoding",
                    "A parameter is not valid UTF-8 percent-encoding.", null));
        }
        if (Busy.in(e)) {
            String busy = Busy.toLog(e);
            if (busy != null) {
                log.warn("API request answered busy: {} (a backing service away for a moment)", busy);
            }
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "We are very busy for a moment. Please try again in a few seconds.");
            body.setProperty("code", "server.busy");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(Busy.RETRY_AFTER_SECONDS))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        log.error("API request failed", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Please try again later.");
        body.setProperty("code", "server.error");
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, body);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return apiProblem(ApiProblem.badParameter(e.getParameterName(),
                "The parameter '" + e.getParameterName() + "' is required."));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String parameter = e.getParameterValidationResults().isEmpty() ? null
                : e.getParameterValidationResults().getFirst().getMethodParameter().getParameterName();
        return apiProblem(ApiProblem.badParameter(parameter, "The value of '" + parameter + "' is not valid."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException json && !json.getPath().isEmpty()) {
                String field = json.getPath().getLast().getPropertyName();
                if (field != null) {
                    return apiProblem(ApiProblem.badParameter(field, "The value of '" + field
                            + "' is not of the right kind (a whole number where a number is asked, text where text is)."));
                }
            }
        }
        return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "request.invalid",
                "The request body cannot be read: send JSON as described at /v3/api-docs.", null));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(statusCode);
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            problem.setProperty("code", switch (statusCode.value()) {
                case 400 -> "request.invalid";
                case 404 -> "request.not-found";
                case 405 -> "request.method-not-allowed";
                case 406 -> "request.not-acceptable";
                case 415 -> "request.unsupported-media-type";
                default -> statusCode.is5xxServerError() ? "server.error" : "request.invalid";
            });
        }
        if (statusCode.is4xxClientError()) {
            log.warn("API request refused: {} {}", statusCode.value(), ex.getClass().getSimpleName());
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(out).body(problem);
    }

    /** A client that went away mid-answer: nothing to answer, and nothing wrong on our side. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                    || t.getClass().getName().endsWith("ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> respond(HttpStatus status, ProblemDetail body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
