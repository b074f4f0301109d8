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
    RequestRejectedHandler firewallRefusals() {
        return (request, response, rejected) -> {
            log.warn("Refused by the firewall: {} ({})", request.getMethod(), rejected.getMessage());
            ErrorPages.write(request, response, HttpStatus.BAD_REQUEST, request.getRequestURI());
        };
    }
}
