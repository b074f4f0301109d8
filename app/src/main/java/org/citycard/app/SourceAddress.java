package org.citycard.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who sent a request: the socket's address, unless the socket is one of the configured trusted proxies
 * ({@code citycard.http.trusted-proxies}, addresses or CIDR blocks). Then the client is the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy, and {@code X-Forwarded-Proto: https} makes the
 * request secure (for HSTS and cookies). From anyone else these headers change nothing: a client cannot
 * choose the address its limits are counted against.
 */
class SourceAddress extends OncePerRequestFilter {

    private final List<Cidr> trusted;

    SourceAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(s -> s != null && !s.isBlank()).map(Cidr::parse).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (trusted.isEmpty() || !isTrusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null) {
            String[] hops = forwarded.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (!isLiteralAddress(hop)) {
                    break; // garbage: stop at the last address we could judge
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(String.valueOf(request.getHeader("X-Forwarded-Proto")).strip());
        String address = client;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return address;
            }

            @Override
            public String getRemoteHost() {
                return address;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getScheme() {
                return secure ? "https" : super.getScheme();
            }
        }, response);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    private static boolean isLiteralAddress(String text) {
        return bytes(text) != null;
    }

    /** The address's bytes, only for a literal IPv4 or IPv6 address (never a name lookup). */
    static byte[] bytes(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            byte[] network = bytes(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("citycard.http.trusted-proxies: not an address or CIDR block: " + text);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("citycard.http.trusted-proxies: bad prefix in " + text);
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
