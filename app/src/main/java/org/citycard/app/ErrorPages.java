package org.citycard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.citycard.kernel.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the container answers when no module could (a request it cannot parse, a firewall refusal, an error
 * outside any view): problem+json with a stable code for the API and for clients that do not ask for HTML, and
 * a short page in Chinese and English with a way home for browsers. Never Spring Boot's whitelabel page, never
 * a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        // a failure outside any controller (a filter's) because the database or Redis was away for a moment
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && Busy.in(failure)) {
            String busy = Busy.toLog(failure);
            if (busy != null) {
                log.warn("Request answered busy: {} (a backing service away for a moment)", busy);
            }
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        write(request, response, status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
                uri == null ? request.getRequestURI() : uri.toString());
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String path)
            throws IOException {
        write(request, response, status, path, code(status));
    }

    /** The answer for people or programs, with the security headers; nothing if an answer is already on its way. */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String path,
                      String code) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        SecurityHeaders.write(request, response);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Busy.RETRY_AFTER_SECONDS));
        }
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
        boolean api = path != null && (path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/actuator/") || path.startsWith("/v3/"));
        if (api || !browser) {
            SecurityConfiguration.problem(response, status, code);
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        boolean notFound = status == HttpStatus.NOT_FOUND;
        boolean tooLarge = status == HttpStatus.CONTENT_TOO_LARGE;
        boolean busy = status == HttpStatus.SERVICE_UNAVAILABLE;
        boolean ours = status.is5xxServerError();
        String zh = notFound ? "找不到这个页面" : tooLarge ? "提交的内容太大，无法处理"
                : busy ? "系统繁忙，请过几秒钟再试" : ours ? "系统暂时出了问题，请稍后再试" : "这个请求无法处理";
        String en = notFound ? "This page does not exist" : tooLarge ? "What was sent is too large to handle"
                : busy ? "We are very busy for a moment; please try again in a few seconds"
                : ours ? "Something went wrong on our side; please try again later" : "This request could not be understood";
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · CityCard 市民云卡</title>
                <style>body{font:18px/1.6 system-ui,sans-serif;margin:0;padding:2rem;color:#1a1a1a;background:#fff}
                main{max-width:40rem;margin:auto}a{color:#0b57d0;display:inline-block;min-height:44px;padding:.5rem 0}
                @media (prefers-color-scheme:dark){body{background:#121212;color:#eee}a{color:#8ab4f8}}</style></head>
                <body><main><h1>%s</h1><p lang="en">%s (%d)</p><p><a href="/">返回首页 · <span lang="en">Home</span></a></p></main></body></html>
                """.formatted(HtmlUtils.htmlEscape(zh), HtmlUtils.htmlEscape(zh), HtmlUtils.htmlEscape(en), status.value()));
    }

    private static String code(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "request.invalid";
            case 401 -> "auth.unauthenticated";
            case 403 -> "auth.forbidden";
            case 404 -> "request.not-found";
            case 405 -> "request.method-not-allowed";
            case 413 -> "request.too-large";
            case 503 -> "server.busy";
            default -> status.is5xxServerError() ? "server.error" : "request.invalid";
        };
    }
}
