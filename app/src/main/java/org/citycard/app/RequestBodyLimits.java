package org.citycard.app;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.citycard.kernel.BodyTooLarge;
import org.citycard.payment.ChannelId;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.Notifications;
import org.citycard.payment.PaymentChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request body before anything reads it: a declared {@code Content-Length} over the route family's
 * limit is refused at once, and a body without one (chunked) is cut off as soon as it passes the limit, so no
 * more than the limit is ever held. Refusals are 413: problem+json, or on the payment notification endpoints
 * the channel's own failure answer. Forms parsed by the container are bounded by its own form limit, set to the
 * same size. A query or form the container cannot decode is a 400 here too, wherever it was first read.
 */
class RequestBodyLimits extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimits.class);

    private final long apiLimit;
    private final long portalLimit;
    private final Notifications notifications;

    RequestBodyLimits(HttpLimitsProperties limits, Notifications notifications) {
        this.apiLimit = limits.apiBodyLimit().toBytes();
        this.portalLimit = limits.portalBodyLimit().toBytes();
        this.notifications = notifications;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = path.startsWith("/api/") || path.startsWith("/sandbox/") || path.startsWith("/oauth2/")
                || path.startsWith("/connect/") ? apiLimit : portalLimit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, path, limit);
            return;
        }
        try {
            chain.doFilter(new Bounded(request, limit), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (BodyTooLarge.in(e) && !response.isCommitted()) {
                response.reset();
                refuse(request, response, path, limit);
                return;
            }
            if (undecodable(e) && !response.isCommitted()) {
                log.warn("Refused a request with an undecodable query or form: {} {}", request.getMethod(), path);
                response.reset();
                ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, path);
                return;
            }
            throw e;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path, long limit)
            throws IOException {
        log.warn("Refused a request body over {} bytes: {} {}", limit, request.getMethod(), path);
        // the rest of the body is not worth reading: close the connection instead
        response.setHeader("Connection", "close");
        Optional<PaymentChannel.Reply> channelAnswer = notifyChannel(path).flatMap(notifications::refusal);
        if (channelAnswer.isPresent()) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            if (channelAnswer.get().contentType() != null) {
                response.setContentType(channelAnswer.get().contentType());
            }
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(channelAnswer.get().body());
            return;
        }
        SecurityConfiguration.problem(response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large");
    }

    /** A query or form the container could not decode (an invalid %-escape, bytes that are not UTF-8). */
    private static boolean undecodable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.tomcat.util.http.InvalidParameterException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ChannelId> notifyChannel(String path) {
        if (!path.startsWith(NotifyAddress.PATH)) {
            return Optional.empty();
        }
        return ChannelId.ofSlug(path.substring(NotifyAddress.PATH.length()));
    }

    /** The request, its body readable up to the limit and no further. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
