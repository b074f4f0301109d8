package org.citycard.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, per route family, and which proxies are believed ({@code citycard.http.*}); a larger one is refused with 413
 * before more than this is read.
 *
 * @param apiBodyLimit    the JSON API, the payment notifications, the identity provider and the sandbox
 * @param portalBodyLimit the portal (Vaadin's own requests)
 * @param feedBodyLimit   parking operators' gate-event feeds (up to 500 events a request)
 * @param fileBodyLimit   parking operators' daily session files
 * @param licenceBodyLimit a claimant's vehicle licence picture
 * @param trustedProxies  reverse proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} and
 *                        {@code X-Forwarded-Proto} are believed; none by default
 * @param allowedHosts    host names clients may use besides the issuer's host and the loopback names (others
 *                        are refused with 400)
 */
@ConfigurationProperties("citycard.http")
record HttpLimitsProperties(@DefaultValue("64KB") DataSize apiBodyLimit,
                            @DefaultValue("1MB") DataSize portalBodyLimit,
                            @DefaultValue("256KB") DataSize feedBodyLimit,
                            @DefaultValue("16MB") DataSize fileBodyLimit,
                            @DefaultValue("1MB") DataSize licenceBodyLimit,
                            java.util.List<String> trustedProxies,
                            java.util.List<String> allowedHosts) {

    HttpLimitsProperties {
        trustedProxies = trustedProxies == null ? java.util.List.of() : java.util.List.copyOf(trustedProxies);
        allowedHosts = allowedHosts == null ? java.util.List.of() : java.util.List.copyOf(allowedHosts);
    }
}
