package org.citycard.payment;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where channels send their notifications: {@code citycard.payment.notify-base-url} (the public HTTPS address in
 * production) followed by {@code /api/payment/v1/notify/<channel>}; without it, this node's own port on the
 * loopback interface, which is what the in-process sandbox needs.
 */
@Component
public class NotifyAddress {

    public static final String PATH = "/api/payment/v1/notify/";

    private final Environment environment;

    NotifyAddress(Environment environment) {
        this.environment = environment;
    }

    public String of(String channelSlug) {
        String base = environment.resolvePlaceholders(
                "${citycard.payment.notify-base-url:http://127.0.0.1:${local.server.port:${server.port:8080}}}");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH + channelSlug;
    }
}
