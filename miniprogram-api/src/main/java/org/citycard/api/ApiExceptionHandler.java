package org.citycard.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as problem+json with a {@code code} property: {@code request.invalid-parameter} (400),
 * {@code catalog.service-not-found} and {@code request.not-found} (404), {@code request.method-not-allowed}
 * (405), {@code request.not-acceptable} (406), {@code server.error} (500, logged, never with its cause).
 */
@RestControllerAdvice(basePackages = "org.citycard.api")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setProperty("code", problem.code());
        if (problem.parameter() != null) {
            body.setProperty("parameter", problem.parameter());
        }
        return respond(problem.status(), body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return apiProblem(ApiProblem.badParameter(e.getName(), "The value of '" + e.getName() + "' is not valid."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
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
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(out).body(problem);
    }

    private static ResponseEntity<Object> respond(HttpStatus status, ProblemDetail body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
