package org.citycard.app;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The API's access token, from the {@code Authorization: Bearer} header only (never a query or form parameter).
 * A well-formed header is read with a plain loop: Spring's resolver runs a case-insensitive regular expression over
 * the whole token, a noticeable share of every API request. Anything else (no header, another scheme, a malformed
 * token) goes to Spring's resolver, so its answers and errors stay the rule.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String PREFIX = "Bearer ";

    private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && wellFormed(header)) {
            return header.substring(PREFIX.length());
        }
        return standard.resolve(request);
    }

    /** RFC 6750's b64token: at least one of {@code A-Z a-z 0-9 - . _ ~ + /}, then only {@code =} to the end. */
    static boolean wellFormed(String header) {
        int i = PREFIX.length();
        int n = header.length();
        while (i < n && tokenChar(header.charAt(i))) {
            i++;
        }
        if (i == PREFIX.length()) {
            return false;
        }
        while (i < n && header.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean tokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
