package org.citycard.app;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers for a request it refuses before the application sees it (a malformed %-escape in the path,
 * control bytes in a header, a header too large): the platform's own answer ({@link ErrorPages}: problem+json, or
 * a page for people), not Tomcat's HTML report with its version, and one line at WARN without a stack trace.
 * Installed as the host's error report valve (the class is named there, so it is public with a public constructor).
 */
public class ContainerErrorReports extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrorReports.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String path = request.getCoyoteRequest().requestURI().toString();
        if (status < 500) {
            log.warn("Refused before the application: {} {}", status,
                    throwable == null ? "" : throwable.getClass().getSimpleName());
        }
        try {
            ErrorPages.write(request, response, known == null ? HttpStatus.BAD_REQUEST : known, path);
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            // the client is gone or the answer is half written: nothing more to say to it
            log.debug("The error answer could not be written: {}", e.toString());
        }
    }
}
