package org.citycard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.citycard.kernel.Undecodable;
import org.citycard.payment.ChannelId;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.Notifications;
import org.citycard.payment.PaymentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request body before anything reads it, per route family (64 KB for the API, the notifications,
 * the identity provider and the sandbox; 1 MB for the portal):
 * <ul>
 * <li>a declared {@code Content-Length} over the limit is refused at once;</li>
 * <li>a body without one (chunked) is read here, never more than the limit and one byte, and handed on from
 * memory; one byte too many is refused;</li>
 * <li>a form without a length, which the container parses itself, is parsed here under the container's form
 * limit (set to the same size), and refused when the container gave up on its size;</li>
 * <li>a message of Vaadin's client is read here and must be JSON (400 otherwise), so that garbage never
 * reaches Vaadin, which would log it as its own error.</li>
 * </ul>
 * Refusals are 413: problem+json (a page for people who asked for HTML), or on the payment notification
 * endpoints the channel's own failure answer. A query or form the container cannot decode is a 400 here too,
 * wherever it was first read.
 */
class RequestBodyLimits extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimits.class);

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final long apiLimit;
    private final long portalLimit;
    private final long feedLimit;
    private final long fileLimit;
    private final long licenceLimit;
    private final Notifications notifications;

    RequestBodyLimits(HttpLimitsProperties limits, Notifications notifications) {
        this.apiLimit = limits.apiBodyLimit().toBytes();
        this.portalLimit = limits.portalBodyLimit().toBytes();
        this.feedLimit = limits.feedBodyLimit().toBytes();
        this.fileLimit = limits.fileBodyLimit().toBytes();
        this.licenceLimit = limits.licenceBodyLimit().toBytes();
        this.notifications = notifications;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = path.startsWith("/api/mp/v1/parking/plates/") && path.endsWith("/licence") ? licenceLimit
                : path.startsWith("/api/parking/v1/") ? (path.contains("/files/") ? fileLimit : feedLimit)
                : path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/connect/") ? apiLimit
                : portalLimit;
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, path, limit);
            return;
        }
        if (badVaadinAddress(request)) {
            log.warn("Refused a portal address with a broken %-escape: {}", path);
            ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, path, "request.invalid-encoding");
            return;
        }
        HttpServletRequest bounded = request;
        if (isVaadinMessage(request)) {
            // read here, within the limit, and checked to be JSON: Vaadin logs garbage as its own error
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(request, response, path, limit);
                return;
            }
            if (!isJson(body)) {
                log.warn("Refused a portal message that is not JSON: {}", path);
                ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, path, "request.invalid");
                return;
            }
            bounded = new org.citycard.api.BufferedRequest(request, body);
        } else if (request.getContentLengthLong() < 0 && chunked(request)) {
            boolean notify = path.startsWith(NotifyAddress.PATH);
            if (isForm(request) && !notify) {
                if (formTooLarge(request)) {
                    refuse(request, response, path, limit);
                    return;
                }
            } else {
                byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (body.length > limit) {
                    refuse(request, response, path, limit);
                    return;
                }
                bounded = new org.citycard.api.BufferedRequest(request, body);
            }
        }
        try {
            chain.doFilter(bounded, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (Undecodable.status(e).orElse(0) == HttpStatus.CONTENT_TOO_LARGE.value() && !response.isCommitted()) {
                refuse(request, response, path, limit);
                return;
            }
            if (Undecodable.in(e) && !response.isCommitted()) {
                log.warn("Refused a request with an undecodable query or form: {} {}", request.getMethod(), path);
                ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, path, "request.invalid-encoding");
                return;
            }
            throw e;
        }
    }

    /**
     * Vaadin's first request carries the page's own query in a parameter ({@code v-r=init&query=...}) and decodes it
     * once more; a broken %-escape there would fail deep inside the router.
     */
    private static boolean badVaadinAddress(HttpServletRequest request) {
        String own = request.getQueryString();
        if (!"GET".equals(request.getMethod()) || own == null || !own.contains("v-r=init")) {
            return false;
        }
        try {
            String query = request.getParameter("query");
            if (query != null) {
                java.net.URLDecoder.decode(query, StandardCharsets.UTF_8);
            }
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        } catch (RuntimeException e) {
            if (Undecodable.in(e)) {
                return true;
            }
            throw e;
        }
    }

    /** A message of Vaadin's client to the server (a UIDL request): JSON, never a form. */
    private static boolean isVaadinMessage(HttpServletRequest request) {
        String query = request.getQueryString();
        return "POST".equals(request.getMethod()) && query != null && query.contains("v-r=uidl");
    }

    /** Whether the bytes are one well-formed JSON value (within Jackson's nesting limit). */
    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (tools.jackson.core.JacksonException e) {
            return false;
        }
    }

    private static boolean chunked(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** Lets the container parse the form now (within its limit); true when it stopped because the form was too large. */
    private static boolean formTooLarge(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return false;
        } catch (RuntimeException e) {
            if (!Undecodable.in(e)) {
                throw e;
            }
            // an undecodable form is answered as such by whoever reads it next
            return Undecodable.status(e).orElse(400) == HttpStatus.CONTENT_TOO_LARGE.value();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path, long limit)
            throws IOException {
        log.warn("Refused a request body over {} bytes: {} {}", limit, request.getMethod(), path);
        // the rest of the body is not worth reading: close the connection instead
        response.setHeader("Connection", "close");
        Optional<PaymentChannel.Reply> channelAnswer = notifyChannel(path).flatMap(notifications::refusal);
        if (channelAnswer.isPresent()) {
            response.resetBuffer();
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            if (channelAnswer.get().contentType() != null) {
                response.setContentType(channelAnswer.get().contentType());
            }
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(channelAnswer.get().body());
            return;
        }
        ErrorPages.write(request, response, HttpStatus.CONTENT_TOO_LARGE, path, "request.too-large");
    }

    private static Optional<ChannelId> notifyChannel(String path) {
        if (!path.startsWith(NotifyAddress.PATH)) {
            return Optional.empty();
        }
        // the wallet is paid inside the platform and has no notification address (a 404 there, as the controller says)
        return ChannelId.ofSlug(path.substring(NotifyAddress.PATH.length())).filter(id -> id != ChannelId.WALLET);
    }
}
