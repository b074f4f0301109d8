package org.citycard.api;

import java.util.List;

import org.citycard.api.vaccination.FullSlotRefusals;
import org.citycard.health.vaccination.Vaccination;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * The API's cross-cutting parts: ETags on catalog reads, an opening's tries for a full slot answered early
 * ({@link FullSlotRefusals}), and the OpenAPI description at /v3/api-docs.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtags() {
        var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setUrlPatterns(List.of("/api/mp/v1/catalog/*"));
        registration.setName("catalogEtags");
        return registration;
    }

    /**
     * Tries for a slot known to be full, answered just before Spring Security's filter (order -100,
     * {@code SecurityProperties.DEFAULT_FILTER_ORDER}) and after the edge's and the request's observation.
     */
    @Bean
    FilterRegistrationBean<FullSlotRefusals> fullSlotRefusals(Vaccination vaccination, JsonMapper json,
                                                              ObjectProvider<HttpFirewall> firewall) {
        var registration = new FilterRegistrationBean<>(new FullSlotRefusals(vaccination, json,
                firewall.getIfAvailable(StrictHttpFirewall::new)));
        registration.setUrlPatterns(List.of(FullSlotRefusals.PATH));
        registration.setOrder(-101);
        registration.setName("fullSlotRefusals");
        return registration;
    }

    @Bean
    OpenAPI cityCardOpenApi() {
        return new OpenAPI().info(new Info()
                .title("CityCard mini-program API")
                .version("v1")
                .description("Public catalog of city services for the WeChat and Alipay mini-programs. "
                        + "Send Accept-Language: zh or en. Errors are application/problem+json with a stable code."));
    }
}
