package org.citycard.app;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every answer, written before anything else answers (Vaadin writes its pages itself,
 * and Spring Security's header writer would only add its headers at commit, after Vaadin put its own frame
 * rule in). The Content-Security-Policy is as strict as Vaadin Flow allows (ADR 006): scripts and styles only
 * from this origin, plus the inline bootstrap script, the string-compiled {@code executeJs} calls and inline
 * styles that Flow needs; no plug-ins, no framing, forms only to this origin. Pages are never stored by a
 * browser or proxy (signed-in pages carry personal data); the portal's style sheets and Vaadin's static files
 * keep their own caching. HSTS only over HTTPS, which includes HTTPS ended at a trusted proxy
 * ({@link SourceAddress}).
 */
class SecurityHeaders extends OncePerRequestFilter {

    static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        write(request, response);
        chain.doFilter(request, response);
    }

    /** The headers, for this filter and for answers given before any filter ran ({@link ErrorPages}). */
    static void write(HttpServletRequest request, HttpServletResponse response) {
        String uri = request.getRequestURI();
        String path = uri == null ? "/" : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        boolean api = path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")
                || path.startsWith("/oauth2/") || path.startsWith("/.well-known/");
        response.setHeader("Content-Security-Policy", api ? API_POLICY : POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        if (!isStaticAsset(path)) {
            response.setHeader("Cache-Control", "no-store, max-age=0");
            response.setHeader("Pragma", "no-cache");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    private static boolean isStaticAsset(String path) {
        return path.startsWith("/VAADIN/") || path.startsWith("/styles/") || path.startsWith("/icons/")
                || path.equals("/favicon.ico") || path.startsWith("/images/");
    }
}
