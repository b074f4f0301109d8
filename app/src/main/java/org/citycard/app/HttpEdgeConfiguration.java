package org.citycard.app;

import org.citycard.payment.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The platform's edge before any module sees a request: the sender's address (through trusted proxies only),
 * security headers on every answer, bodies bounded per route family, and requests the
 * firewall refuses (an encoded {@code %25}, a {@code ;} in the path) answered as the rest of the platform answers
 * a bad request, logged once at WARN without a stack trace.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimitsProperties.class)
class HttpEdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HttpEdgeConfiguration.class);

    /** Tomcat's own refusals, before any filter runs, answered the platform's way ({@link ContainerErrorReports}). */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            containerErrorReports() {
        return factory -> factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost) context.getParent())
                .setErrorReportValveClass(ContainerErrorReports.class.getName()));
    }

    /** First of all: who sent it, as the rest of the platform counts it. */
    @Bean
    FilterRegistrationBean<SourceAddress> sourceAddress(HttpLimitsProperties properties) {
        var registration = new FilterRegistrationBean<>(new SourceAddress(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("sourceAddress");
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("securityHeaders");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimits> requestBodyLimits(HttpLimitsProperties limits, Notifications notifications) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimits(limits, notifications));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setName("requestBodyLimits");
        return registration;
    }

    @Bean
    FilterRegistrationBean<WholeResponses> wholeResponses() {
        var registration = new FilterRegistrationBean<>(new WholeResponses());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setName("wholeResponses");
        registration.addUrlPatterns("/api/*", "/actuator/*", "/v3/*");
        return registration;
    }

    /**
     * Text fields take text: a number or a boolean where a string belongs is refused (Jackson would turn it into
     * text), as a string or a fraction where a whole number belongs is (application.yml). A key given twice is
     * refused too: which of two amounts was meant is not for us to guess.
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer textIsText() {
        return builder -> builder.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(tools.jackson.databind.type.LogicalType.Textual, text -> text
                .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Integer, tools.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Float, tools.jackson.databind.cfg.CoercionAction.Fail)
                .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Boolean, tools.jackson.databind.cfg.CoercionAction.Fail));
    }

    /**
     * Spring Security's strict firewall, also for the Host header: only the platform's own names (the issuer's host,
     * the loopback names, and {@code citycard.http.allowed-hosts}), so that no redirect or link is ever built on a
     * host a client made up. A bean, so that what answers before Spring Security's filters (an opening's tries for a
     * full slot) refuses nothing that the firewall would not let through.
     */
    @Bean
    org.springframework.security.web.firewall.StrictHttpFirewall strictFirewall(IdentityProperties identity,
                                                                               HttpLimitsProperties http) {
        java.util.Set<String> hosts = new java.util.HashSet<>(java.util.List.of("localhost", "127.0.0.1", "[::1]", "::1"));
        hosts.add(java.net.URI.create(identity.issuer()).getHost().toLowerCase(java.util.Locale.ROOT));
        http.allowedHosts().forEach(host -> hosts.add(host.strip().toLowerCase(java.util.Locale.ROOT)));
        var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHostnames(host -> host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT)));
        firewall.setAllowedHeaderValues(HttpEdgeConfiguration::assignedAndNotControl);
        return firewall;
    }

    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer strictFirewallInUse(
            org.springframework.security.web.firewall.StrictHttpFirewall firewall) {
        return web -> web.httpFirewall(firewall);
    }

    /**
     * The firewall's rule for header values (every character assigned in Unicode and none a control character), as
     * a loop: the firewall's regular expression ran over the whole bearer token each time a filter read the
     * {@code Authorization} header, several times per API request.
     */
    static boolean assignedAndNotControl(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) {
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * The firewall's reason without the value it refused: it quotes a header's or a parameter's whole value (a bearer
     * token, a query with an ID number) after "has a value"; what was refused and why is enough for the log.
     */
    static String withoutValues(String reason) {
        if (reason == null) {
            return "";
        }
        int value = reason.indexOf(" has a value ");
        return value < 0 ? reason : reason.substring(0, value) + " has a value that is not allowed (not logged)";
    }

    @Bean
    RequestRejectedHandler firewallRefusals() {
        return (request, response, rejected) -> {
            log.warn("Refused by the firewall: {} ({})", request.getMethod(), withoutValues(rejected.getMessage()));
            ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, request.getRequestURI(), "request.rejected");
        };
    }
}
