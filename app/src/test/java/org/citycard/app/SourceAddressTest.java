package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whose address limits are counted against, and when HSTS is sent: a forged X-Forwarded-For or X-Forwarded-Proto
 * from anyone but a configured proxy changes nothing; through a trusted proxy they are believed.
 */
class SourceAddressTest {

    @Test
    void a_client_that_is_not_a_trusted_proxy_cannot_choose_its_address_or_claim_https() throws Exception {
        Seen seen = through(new SourceAddress(List.of("10.0.0.0/8")), "198.51.100.7", "1.2.3.4", "https");
        assertThat(seen.address()).isEqualTo("198.51.100.7");
        assertThat(seen.secure()).isFalse();
        assertThat(seen.hsts()).isNull();
        // and with no proxy configured at all, the same
        assertThat(through(new SourceAddress(List.of()), "127.0.0.1", "1.2.3.4", "https").address()).isEqualTo("127.0.0.1");
    }

    @Test
    void through_a_trusted_proxy_the_nearest_untrusted_address_is_the_client_and_https_gets_hsts() throws Exception {
        // the client put a forged address first; the proxy appended the real one
        Seen seen = through(new SourceAddress(List.of("10.0.0.0/8", "fd00::/8")), "10.1.2.3", "6.6.6.6, 203.0.113.50",
                "https");
        assertThat(seen.address()).isEqualTo("203.0.113.50");
        assertThat(seen.secure()).isTrue();
        assertThat(seen.hsts()).startsWith("max-age=");
        // two trusted proxies in a row are skipped
        assertThat(through(new SourceAddress(List.of("10.0.0.0/8")), "10.0.0.1", "203.0.113.9, 10.9.9.9", null)
                .address()).isEqualTo("203.0.113.9");
        // garbage in the header stops the walk at what could be judged
        assertThat(through(new SourceAddress(List.of("10.0.0.0/8")), "10.0.0.1", "evil.example, 10.9.9.9", null)
                .address()).isEqualTo("10.9.9.9");
        assertThat(through(new SourceAddress(List.of("fd00::/8")), "fd12::1", "2001:db8::5", null).address())
                .isEqualTo("2001:db8::5");
    }

    private record Seen(String address, boolean secure, String hsts) {
    }

    private static Seen through(SourceAddress filter, String socket, String forwardedFor, String proto) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setRemoteAddr(socket);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        if (proto != null) {
            request.addHeader("X-Forwarded-Proto", proto);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> reached = new AtomicReference<>();
        filter.doFilter(request, response, (req, res) -> {
            reached.set((HttpServletRequest) req);
            new SecurityHeaders().doFilter(req, res, new MockFilterChain());
        });
        return new Seen(reached.get().getRemoteAddr(), reached.get().isSecure(),
                response.getHeader("Strict-Transport-Security"));
    }
}
